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
        // The preview server (Sources/PreviewServer) and what it needs to start and stop.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        // The QR code library, found through pkg-config; Debian's libqrencode-dev provides it.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The only module that imports CQRencode: it owns and frees every QRcode it returns.
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        .target(
            name: "ConductKit",
            dependencies: [
                "Markdown",
                "QRCode",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The local preview server: the only target that opens sockets.
        .target(
            name: "PreviewServer",
            dependencies: [
                "ConductKit",
                "Markdown",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "conduct",
            dependencies: [
                "ConductKit",
                "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        // Copies fixture sites into temporary folders for the two test targets below.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ConductKitTests",
            dependencies: ["ConductKit", "Markdown", "QRCode", "TestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "ConductCLITests", dependencies: ["conduct", "TestSupport"]),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer", "ConductKit", "conduct", "TestSupport"]),
    ]
)
