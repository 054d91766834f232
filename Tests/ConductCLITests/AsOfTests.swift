import Foundation
import TestSupport
import Testing

/// `--as-of` is London time on every machine: the banner's edges do not move with `TZ`.
@Suite struct AsOfTests {
    @Test(arguments: ["Pacific/Auckland", "America/New_York", "UTC", "Europe/London"])
    func theCampaignWeekStartsAtMidnightInLondonWhateverTheMachinesZone(zone: String) throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for (asOf, shown) in [("2026-11-15T23:59", false), ("2026-11-16T00:30", true), ("2026-11-16", true)] {
            let run = try conduct(["build", "--as-of", asOf], in: fixture.root, environment: ["TZ": zone])
            #expect(run.status == 0, "\(run.stderr)")
            let home = try fixture.read("Output/alpha-academy/index.html")
            #expect(home.contains("campaign-banner") == shown, "TZ=\(zone) --as-of \(asOf)")
        }
    }

    @Test func aMalformedTimeIsAUsageError() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["build", "--as-of", "16/11/2026"], in: fixture.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--as-of"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output/index.html").path))
    }

    @Test func draftsAreBuiltOnlyWithTheFlag() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let letter = try fixture.read("Content/parent-letter.md")
        try fixture.write(letter.replacingOccurrences(of: "title:", with: "draft: true\ntitle:"), to: "Content/parent-letter.md")
        #expect(try conduct(["build"], in: fixture.root).status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output/alpha-academy/letter/index.html").path))
        #expect(try conduct(["build", "--drafts"], in: fixture.root).status == 0)
        #expect(try fixture.read("Output/alpha-academy/letter/index.html").contains("draft-notice"))
    }
}
