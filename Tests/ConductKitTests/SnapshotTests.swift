import ConductKit
import Foundation
import TestSupport
import Testing

/// Golden files: every page of one complete school site (alpha-academy, which uses
/// every feature) and the consortium page, compared byte for byte.
///
/// To re-record after an intended change: `RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`
/// (or `make record`), review the diff in `Tests/ConductKitTests/Snapshots/`, and commit it.
/// A recording run always fails, so it cannot pass by accident.
@Suite struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil

    static let snapshotted = [
        "alpha-academy/index.html",
        "alpha-academy/code-of-conduct/index.html",
        "alpha-academy/easy-read/index.html",
        "alpha-academy/letter/index.html",
        "alpha-academy/404.html",
        "alpha-academy/sitemap.xml",
        "index.html",
    ]

    @Test(arguments: snapshotted)
    func pageMatchesItsGoldenFile(path: String) throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let actual = try #require(try renderedFiles(of: fixture)[path])
        let golden = Self.folder.appendingPathComponent(path)
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden)
            Issue.record("Recorded \(path); run again without RECORD_SNAPSHOTS to check it.")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "\(path) differs from its golden file; if intended, re-record (see SnapshotTests).")
    }

    /// With translations (`Tests/Fixtures/translated/`, drafts included): a reviewed
    /// Polish Code and letter, a right-to-left Urdu draft that is out of date, and the
    /// English pages with their alternates and language list.
    static let translated = [
        "alpha-academy/pl/code-of-conduct/index.html",
        "alpha-academy/pl/letter/index.html",
        "alpha-academy/ur/code-of-conduct/index.html",
        "alpha-academy/code-of-conduct/index.html",
        "alpha-academy/index.html",
        "alpha-academy/sitemap.xml",
    ]

    @Test(arguments: translated)
    func translatedPageMatchesItsGoldenFile(path: String) throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        let actual = try #require(try renderedFiles(of: fixture, includeDrafts: true)[path])
        let golden = Self.folder.appendingPathComponent("translated").appendingPathComponent(path)
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden)
            Issue.record("Recorded translated/\(path); run again without RECORD_SNAPSHOTS to check it.")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "translated/\(path) differs from its golden file; if intended, re-record (see SnapshotTests).")
    }

    @Test func theSiteHasExactlyTheseFiles() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let paths = try renderedFiles(of: fixture).keys.filter { $0.hasPrefix("alpha-academy/") }.sorted()
        #expect(paths == [
            "alpha-academy/404.html",
            "alpha-academy/assets/logo.svg",
            "alpha-academy/assets/site.css",
            "alpha-academy/code-of-conduct/index.html",
            "alpha-academy/easy-read/index.html",
            "alpha-academy/index.html",
            "alpha-academy/letter/index.html",
            "alpha-academy/sitemap.xml",
        ])
    }
}
