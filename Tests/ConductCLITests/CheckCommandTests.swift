import Foundation
import TestSupport
import Testing

/// `conduct check`, run as a user would after `conduct build`.
@Suite struct CheckCommandTests {
    /// The fixture site, built into its Output/ folder.
    private func builtFixture() throws -> FixtureSite {
        let fixture = try FixtureSite()
        let build = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        return fixture
    }

    @Test func checksABuiltSiteAndPrintsTheFigures() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.suffix(2) == ["Checked 11 pages in 2 schools: 0 errors", ""])
        #expect(lines.first?.hasPrefix("Colour contrast") == true)
        // Alpha's own colour, with white text (10.26:1) and as borders on white.
        #expect(lines.contains { $0.hasPrefix("  alpha-academy") && $0.contains("#7b1e1e") && $0.contains("10.26:1") })
        #expect(lines.contains { $0.contains("text on page (4.5)") && $0.contains("#1b1b1b on #ffffff") && $0.hasSuffix("every site") })
        #expect(lines.contains { $0.hasPrefix("Reading level") })
        #expect(lines.contains { $0.hasPrefix("  Content/code-of-conduct.md") })
        #expect(lines.contains { $0.hasPrefix("  Schools/alpha-academy/sections/a-welcome.md") })
    }

    @Test func listsAnEasyReadWrittenFromAnEarlierCodeAndSaysHowToFixIt() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let easyRead = "Content/easy-read.md"
        try fixture.write(try fixture.read(easyRead).replacingOccurrences(of: #"code_version: "2.1""#, with: #"code_version: "2.0""#),
                          to: easyRead)
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "out of date is a guide, not an error: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  Content/easy-read.md was written from version 2.0 of the Code, which is now version 2.1"))
        #expect(lines.contains(#"    to fix: bring it up to date with the Code's changes since version 2.0, then set code_version: "2.1" in its front matter"#))
        #expect(lines.contains { $0.hasPrefix("  Content/easy-read.md ") && $0.hasSuffix("9 or below") })
        #expect(lines.contains { $0.hasPrefix("  Content/code-of-conduct.md ") && $0.hasSuffix("about 12") })
    }

    @Test func reportsEachProblemWithItsLocationAndFails() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let page = "Output/beta-college/letter/index.html"
        try fixture.write(try fixture.read(page).replacingOccurrences(of: "<html lang=\"en-GB\">", with: "<html>"), to: page)
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Output/beta-college/letter/index.html:2:1: error: the page does not say its language: <html> has no lang attribute
                hint: write <html lang="en-GB">, as Templates/partials/head.mustache does

            """)
        #expect(run.stdout.hasSuffix("Checked 11 pages in 2 schools: 1 error\n"))
    }

    @Test func checksOnlyTheSchoolsNamed() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let run = try conduct(["check", "--school", "alpha-academy"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("Checked 5 pages in 1 school: 0 errors\n"))
        #expect(!run.stdout.contains("beta-college"))
        #expect(!run.stdout.contains("consortium page"))
    }

    @Test func checksASiteBuiltElsewhere() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let elsewhere = fixture.url("Elsewhere").path
        #expect(try conduct(["build", "--root", fixture.root.path, "--output", elsewhere]).status == 0)
        let run = try conduct(["check", "--root", fixture.root.path, "--output", elsewhere])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("Checked 11 pages in 2 schools: 0 errors\n"))
    }

    @Test func saysWhenThereIsNoBuiltSite() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error: there is no built site in Output/\n    hint: run `conduct build` first\n")
    }

    @Test func anUnknownSchoolIsAMistakeOnTheCommandLine() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let run = try conduct(["check", "--school", "gamma-school"], in: fixture.root)
        #expect(run.status == 2)
        #expect(run.stderr == "error: no built school named 'gamma-school' in Output/\n    hint: built schools: alpha-academy, beta-college\n")
    }
}
