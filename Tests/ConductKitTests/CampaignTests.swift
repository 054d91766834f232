@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// `2026-11-16T00:30:00Z` and the like, for stating instants independently of LondonTime.
private func utc(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
}

private func london(_ text: String) -> Date {
    LondonTime.instant(parsing: text)!
}

@Suite struct LondonTimeTests {
    @Test func readsTimesAsLondonWallClockTime() {
        // November is GMT, July is BST (one hour ahead).
        #expect(london("2026-11-16T00:30") == utc("2026-11-16T00:30:00Z"))
        #expect(london("2026-11-16") == utc("2026-11-16T00:00:00Z"))
        #expect(london("2026-07-01T12:00") == utc("2026-07-01T11:00:00Z"))
        #expect(london("2026-07-01") == utc("2026-06-30T23:00:00Z"))
    }

    @Test func theClockChangesAreOnTheLastSundaysOfMarchAndOctober() {
        // 29 March 2026: 01:00 GMT becomes 02:00 BST; the hour between does not exist
        // and is read as GMT.
        #expect(london("2026-03-29T00:59") == utc("2026-03-29T00:59:00Z"))
        #expect(london("2026-03-29T01:30") == utc("2026-03-29T01:30:00Z"))
        #expect(london("2026-03-29T02:00") == utc("2026-03-29T01:00:00Z"))
        // 25 October 2026: 02:00 BST becomes 01:00 GMT; 01:30 happens twice, the first is used.
        #expect(london("2026-10-25T01:30") == utc("2026-10-25T00:30:00Z"))
        #expect(london("2026-10-25T02:00") == utc("2026-10-25T02:00:00Z"))
    }

    @Test func agreesWithTheTimeZoneDatabaseWhenThereIsOne() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"), "no tzdata on this machine")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func check(_ instant: Date) -> Bool {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            let text = String(format: "%04d-%02d-%02dT%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
            #expect(LondonTime.iso(instant).hasPrefix(text), "\(instant)")
            // Reading the wall-clock time back gives the same instant, except for the
            // second of the two hours that share a time when the clocks go back.
            return LondonTime.instant(parsing: text) == instant
        }
        // Each half hour of the day either side of every clock change from 2024 to 2030.
        var transition = utc("2024-01-01T00:00:00Z")
        var repeatedHalfHours = 0
        while let next = zone.nextDaylightSavingTimeTransition(after: transition), next < utc("2031-01-01T00:00:00Z") {
            for step in -48..<48 where !check(next + Double(step) * 1_800) { repeatedHalfHours += 1 }
            transition = next
        }
        #expect(repeatedHalfHours == 2 * 7)
    }

    @Test func writesTheOffsetInUse() {
        #expect(LondonTime.iso(utc("2026-11-16T00:30:00Z")) == "2026-11-16T00:30+00:00")
        #expect(LondonTime.iso(utc("2026-07-01T11:00:00Z")) == "2026-07-01T12:00+01:00")
    }

    @Test(arguments: ["2026-11-16T24:00", "2026-11-16 08:00", "16/11/2026", "2026-11-16T8:00", "2026-02-30",
                      "2026-11-16T08:00Z", "2026-11-16T08:00:00", ""])
    func refusesAnythingElse(text: String) {
        #expect(LondonTime.instant(parsing: text) == nil)
    }
}

@Suite struct CampaignTests {
    private func banner(in page: String) -> Bool { page.contains(#"<aside class="campaign-banner""#) }

    @Test(arguments: [
        ("2026-11-15T23:59", false), ("2026-11-16T00:00", true), ("2026-11-18T12:00", true),
        ("2026-11-20T23:59", true), ("2026-11-21T00:00", false), ("2025-11-12T09:00", true), ("2026-10-01", false),
    ])
    func everyPageShowsTheBannerDuringTheWeekOnly(asOf: String, shown: Bool) throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture, asOf: london(asOf))
        let pages = files.filter { $0.key.hasSuffix(".html") && $0.key != "index.html" }
        #expect(pages.count == 8)
        for (path, page) in pages {
            #expect(banner(in: page) == shown, "\(path) at \(asOf)")
        }
    }

    @Test func theBannerNamesTheWeekAndLinksToTheLetterExceptOnTheLetter() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture, asOf: london("2025-11-10T08:00"))
        let home = try #require(files["alpha-academy/index.html"])
        #expect(home.contains("<strong>Anti-Bullying Week 2025: 10 to 14 November 2025</strong>. This year’s theme is “Power for Good”."))
        #expect(home.contains(#"<a href="letter/">Read the letter to parents and carers</a>"#))
        let code = try #require(files["alpha-academy/code-of-conduct/index.html"])
        #expect(code.contains(#"<a href="../letter/">Read the letter to parents and carers</a>"#))
        let letter = try #require(files["alpha-academy/letter/index.html"])
        #expect(banner(in: letter) && !letter.contains("Read the letter to parents and carers"))
    }

    @Test func theLetterIsDatedWithTheLaunch() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Content/campaign.yml").replacingOccurrences(of: "launch: 2026-11-16", with: "launch: 2027-01-04"),
                          to: "Content/campaign.yml")
        let letter = try #require(try renderedFiles(of: fixture)["beta-college/letter/index.html"])
        #expect(letter.contains(#"<p class="document-date"><time datetime="2027-01-04">4 January 2027</time></p>"#))
    }
}

@Suite struct PublishWindowTests {
    @Test func aDocumentOutsideItsWindowIsNeitherBuiltNorLinked() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let letter = try fixture.read("Content/parent-letter.md")
        try fixture.write(letter.replacingOccurrences(of: "title:", with: "publish_from: 2026-11-16T08:00\npublish_until: 2026-12-31\ntitle:"),
                          to: "Content/parent-letter.md")
        for (asOf, published) in [("2026-11-16T07:59", false), ("2026-11-16T08:00", true),
                                  ("2026-12-31T23:59", true), ("2027-01-01T00:00", false)] {
            let files = try renderedFiles(of: fixture, asOf: london(asOf))
            #expect((files["alpha-academy/letter/index.html"] != nil) == published, "\(asOf)")
            let linked = files.filter { $0.value.contains("letter/") }.keys.sorted()
            #expect(linked.isEmpty != published, "\(asOf): \(linked)")
        }
    }

    @Test func timesInSummerAreLondonSummerTime() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let letter = try fixture.read("Content/parent-letter.md")
        try fixture.write(letter.replacingOccurrences(of: "title:", with: "publish_from: 2026-06-01T09:00\ntitle:"),
                          to: "Content/parent-letter.md")
        // 09:00 BST is 08:00 UTC.
        #expect(try renderedFiles(of: fixture, asOf: utc("2026-06-01T07:59:00Z"))["alpha-academy/letter/index.html"] == nil)
        #expect(try renderedFiles(of: fixture, asOf: utc("2026-06-01T08:00:00Z"))["alpha-academy/letter/index.html"] != nil)
    }

    @Test func aSectionAppearsOnlyInItsWindow() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path).replacingOccurrences(of: "before: purpose", with: "before: purpose\npublish_until: 2026-11-20"),
                          to: path)
        let during = try renderedFiles(of: fixture, asOf: london("2026-11-20T23:59"))
        #expect(during["alpha-academy/code-of-conduct/index.html"]?.contains("A welcome from") == true)
        let after = try renderedFiles(of: fixture, asOf: london("2026-11-21T00:00"))
        #expect(after["alpha-academy/code-of-conduct/index.html"]?.contains("A welcome from") == false)
    }

    /// A rebuild is skipped only for times that publish the same pages, so the period
    /// must end exactly where the next window or campaign week begins or ends.
    @Test func theSiteIsUnchangedBetweenPublishingBoundaries() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path).replacingOccurrences(of: "before: purpose", with: "before: purpose\npublish_from: 2026-10-05T09:00"),
                          to: path)
        let (site, diagnostics) = SiteValidator.validate(SiteLoader.load(root: fixture.root))
        let valid = try #require(site, "\(diagnostics)")

        let autumn = valid.unchangedPeriod(around: london("2026-10-01T12:00"))
        #expect(autumn.from == london("2025-11-15T00:00"), "the end of the 2025 week")
        #expect(autumn.until == london("2026-10-05T09:00"), "the section's publishing time")
        let week = valid.unchangedPeriod(around: london("2026-11-18T12:00"))
        #expect(week.from == london("2026-11-16T00:00") && week.until == london("2026-11-21T00:00"))
        let after = valid.unchangedPeriod(around: london("2027-03-01T00:00"))
        #expect(after.from == london("2026-11-21T00:00") && after.until == nil)
    }

    @Test func draftsAppearOnlyWhenAskedForAndSaySo() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let code = try fixture.read("Content/code-of-conduct.md")
        try fixture.write(code.replacingOccurrences(of: "title:", with: "draft: true\ntitle:"), to: "Content/code-of-conduct.md")
        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path).replacingOccurrences(of: "before: purpose", with: "before: purpose\ndraft: true"), to: path)

        let published = try renderedFiles(of: fixture)
        #expect(published["alpha-academy/code-of-conduct/index.html"] == nil)
        let home = try #require(published["alpha-academy/index.html"])
        #expect(!home.contains("code-of-conduct/"), "the home page links a draft")
        #expect(home.contains("<li>Being unkind</li>") || !home.contains("<a href=\"code-of-conduct/#"))

        let withDrafts = try renderedFiles(of: fixture, includeDrafts: true)
        let page = try #require(withDrafts["alpha-academy/code-of-conduct/index.html"])
        #expect(page.contains(#"<p class="draft-notice"><strong>Draft.</strong>"#))
        #expect(page.contains(#"<meta name="robots" content="noindex">"#))
        #expect(page.contains("A welcome from"))
        #expect(withDrafts["alpha-academy/letter/index.html"]?.contains("draft-notice") == false)
    }
}
