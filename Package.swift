// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "conduct",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "conduct", targets: ["conduct"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The C library, found through pkg-config; Debian's libcmark-dev provides it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The only module that imports CCmark: it owns and frees every cmark pointer.
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(
            name: "ConductKit",
            dependencies: [
                "Markdown",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "conduct",
            dependencies: [
                "ConductKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        // Copies fixture sites into temporary folders for the two test targets below.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ConductKitTests",
            dependencies: ["ConductKit", "Markdown", "TestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "ConductCLITests", dependencies: ["conduct", "TestSupport"]),
    ]
)
