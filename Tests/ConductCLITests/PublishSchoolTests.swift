import Foundation
import TestSupport
import Testing

/// Publishing one school keeps what the others were given, and a published folder
/// still checks as the sites it holds.
@Suite struct PublishSchoolTests {
    static let asOf = ["--as-of", "2026-11-16T07:00"]

    private func manifestPaths(_ fixture: FixtureSite) throws -> [String] {
        let manifest = try JSONSerialization.jsonObject(with: Data(try fixture.read("Output/manifest.json").utf8)) as? [String: Any]
        return ((manifest?["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
    }

    @Test func publishingOneSchoolKeepsTheOthersSitesBundlesAndManifestLines() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["publish"] + Self.asOf, in: fixture.root).status == 0)
        let beta = snapshot(fixture.url("Output/beta-college"))
        let betaLines = try manifestPaths(fixture).filter { $0.hasPrefix("beta-college") || $0.hasPrefix("dist/beta-college") }
        #expect(betaLines.contains("dist/beta-college-2.1.zip"))

        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path) + "\nWe have a new parent forum.\n", to: path)
        let run = try conduct(["publish", "--school", "alpha-academy"] + Self.asOf, in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(snapshot(fixture.url("Output/beta-college")) == beta)
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/dist/beta-college-2.1.zip").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/dist/beta-college/letter.txt").path))
        #expect(try manifestPaths(fixture).filter { $0.hasPrefix("beta-college") || $0.hasPrefix("dist/beta-college") } == betaLines)
        #expect(try fixture.read("Output/index.html").contains(#"href="beta-college/""#))
        // The report is about alpha-academy only.
        #expect(!run.stdout.contains("beta-college"), "\(run.stdout)")
        #expect(run.stdout.contains("alpha-academy: "), "\(run.stdout)")
        #expect(try fixture.read("Output/changes.txt") == run.stdout.drop { $0 != "\n" }.dropFirst().description)
    }

    /// What the other schools would keep was changed after the publish: a page edited,
    /// a bundle file removed, the manifest rewritten. Publishing one school must not
    /// drop them or carry over lines that no longer describe the files: it is refused,
    /// at each place, and nothing is changed.
    @Test func publishingOneSchoolIsRefusedWhenWhatTheOthersKeepWasChanged() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["publish"] + Self.asOf, in: fixture.root).status == 0)
        let manifest = try fixture.read("Output/manifest.json")
        let publishAlpha = ["publish", "--school", "alpha-academy"] + Self.asOf
        let changes: [(change: () throws -> Void, at: String)] = [
            ({ try fixture.write("<p>edited by hand</p>", to: "Output/beta-college/index.html") }, "Output/beta-college"),
            ({ try FileManager.default.removeItem(at: fixture.url("Output/dist/beta-college/letter.txt")) }, "Output/dist"),
            ({ try fixture.write(manifest.replacingOccurrences(of: "\"sha256\" : \"", with: "\"sha256\" : \"0"),
                                 to: "Output/manifest.json") }, "Output/manifest.json"),
        ]
        for (change, place) in changes {
            try change()
            let before = snapshot(fixture.url("Output"))
            let run = try conduct(publishAlpha, in: fixture.root)
            #expect(run.status == 1, "\(place): \(run.stdout)")
            #expect(run.stderr.hasPrefix(fixture.url(place).path + ":1:1: error: '\(fixture.url(place).lastPathComponent)' is not as "
                                         + "the previous publish left it"), "\(run.stderr)")
            #expect(run.stderr.contains("hint: publish it too (--school beta-college), or publish every school"), "\(run.stderr)")
            #expect(snapshot(fixture.url("Output")) == before, "\(place)")
            // A full publish puts it right; then one school can be published again.
            #expect(try conduct(["publish"] + Self.asOf, in: fixture.root).status == 0)
            #expect(try conduct(publishAlpha, in: fixture.root).status == 0)
            #expect(try manifestPaths(fixture).contains("dist/beta-college/letter.txt"))
        }
    }

    /// `dist/`, `manifest.json` and `changes.txt` are for the people publishing, not
    /// part of a school's site: `conduct check` does not take `dist/` for a school.
    @Test func checkAfterPublishChecksTheSchoolsOnly() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["publish"] + Self.asOf, in: fixture.root).status == 0)
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" in 2 schools: 0 errors\n"), "\(run.stdout)")
        let dist = try conduct(["check", "--school", "dist"], in: fixture.root)
        #expect(dist.status == 2)
    }
}
