import Foundation

/// A fixture site copied into a fresh temporary folder, with the repository's real
/// `Templates/` and interface text (`Content/strings/`), so that tests build what users
/// build and never touch the repository.
///
/// Invalid cases under `Tests/Fixtures/invalid/<case>/` are overlays: their files
/// replace or add to the valid site, paths listed in their `remove.txt` are deleted,
/// and `expected.txt` holds the exact diagnostics the case must produce.
public struct FixtureSite {
    public let root: URL

    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    /// The names of the invalid cases, sorted.
    public static var invalidCases: [String] {
        let folder = fixtures.appendingPathComponent("invalid").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    public init(invalidCase: String? = nil) throws {
        let fileManager = FileManager.default
        root = fileManager.temporaryDirectory.appendingPathComponent("conduct-test-\(UUID().uuidString)")
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["Content", "Schools"] {
            try fileManager.copyItem(at: Self.fixtures.appendingPathComponent("site/\(name)"),
                                     to: root.appendingPathComponent(name))
        }
        for name in ["Templates", "Content/strings"] {
            try fileManager.copyItem(at: Self.repository.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        if let invalidCase { try applyOverlay(Self.fixtures.appendingPathComponent("invalid/\(invalidCase)")) }
    }

    /// The diagnostics text a case expects, one line each, hints included.
    public static func expectedDiagnostics(of invalidCase: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("invalid/\(invalidCase)/expected.txt"), encoding: .utf8)
    }

    public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    public func write(_ text: String, to path: String) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    private func applyOverlay(_ overlay: URL) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: overlay.path) else { return }
        for case let path as String in enumerator {
            let source = overlay.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue, path != "expected.txt", path != "remove.txt" else { continue }
            let target = root.appendingPathComponent(path)
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fileManager.removeItem(at: target)
            try fileManager.copyItem(at: source, to: target)
        }
        let removals = (try? String(contentsOf: overlay.appendingPathComponent("remove.txt"), encoding: .utf8)) ?? ""
        for path in removals.split(separator: "\n") where !path.isEmpty {
            try fileManager.removeItem(at: root.appendingPathComponent(String(path)))
        }
    }
}
