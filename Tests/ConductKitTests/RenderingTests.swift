@testable import ConductKit
import Foundation
import TestSupport
import Testing

@Suite struct RenderingTests {
    @Test func schoolValuesAreEscapedEverywhere() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("""
            slug: beta-college
            name: "<script>alert(1)</script> & Sons"
            town: Runcorn
            website: https://beta.example.ac.uk/?a=1&b="2"
            """, to: "Schools/beta-college/school.yml")
        let files = try renderedFiles(of: fixture)
        for (path, text) in files where path.hasSuffix(".html") {
            #expect(!text.contains("<script>"), "\(path) contains a raw <script>")
        }
        let code = try #require(files["beta-college/code-of-conduct/index.html"])
        #expect(code.contains("Please be kind to parents and staff at &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons."))
        // In a Markdown link address the value is percent-encoded, then escaped.
        #expect(code.contains(#"<a href="https://beta.example.ac.uk/?a=1&amp;b=%222%22">the school’s website</a>"#))
        let home = try #require(files["beta-college/index.html"])
        #expect(home.contains("<title>Social Media Code of Conduct – &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons</title>"))
    }

    @Test func unsafeMarkdownIsDroppedFromSchoolSections() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("""
            ---
            after: keeping-safe
            ---
            ## Links

            [A trap](javascript:alert(1)) and <img src=x onerror=alert(1)> here.
            """, to: "Schools/beta-college/sections/links.md")
        let code = try #require(try renderedFiles(of: fixture)["beta-college/code-of-conduct/index.html"])
        #expect(code.contains(#"<p><a href="">A trap</a> and <!-- raw HTML omitted --> here.</p>"#))
        #expect(!code.contains("javascript:"))
        #expect(!code.contains("onerror"))
    }

    @Test func sectionsGoBeforeAfterAndInsteadOfSharedSections() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let code = try #require(try renderedFiles(of: fixture)["alpha-academy/code-of-conduct/index.html"])
        // The body alone: the list of sources follows it.
        let body = try #require(code.components(separatedBy: "<div class=\"document-body\">").last?
            .components(separatedBy: "<section class=\"sources\"").first)
        let ids = body.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["a-welcome-from-alpha", "purpose", "what-we-ask", "1-be-kind-in-messages",
                        "2-talk-to-us-first", "purpose-2", "contact-your-school", "keeping-safe"])
        #expect(body.contains("Speak to your child’s form tutor first"))
        #expect(!body.contains("Find how to contact"))
    }

    @Test func aSchoolWithoutSectionsGetsTheSharedDocumentUnchanged() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let code = try #require(try renderedFiles(of: fixture)["beta-college/code-of-conduct/index.html"])
        #expect(code.contains("Find how to contact Beta College on <a href=\"https://beta.example.ac.uk\">the school’s website</a>."))
    }

    @Test func theLetterListsEveryMemberSchoolByName() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let letter = try #require(try renderedFiles(of: fixture)["beta-college/letter/index.html"])
        #expect(letter.contains("<ul class=\"member-schools\">\n<li>Alpha Academy</li>\n<li>Beta College</li>\n</ul>"))
        #expect(!letter.contains(#"id="contents""#), "a short letter has no table of contents")
    }

    @Test func defaultsComeFromSiteSettings() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture)
        let home = try #require(files["beta-college/index.html"])
        #expect(home.contains(#"<link rel="canonical" href="https://beta.example.ac.uk/code-of-conduct-pages/">"#))
        #expect(home.contains("--brand: #1f4e79;"))
        #expect(home.contains("Beta College's own footer"), "the school's footer override is used")
        let alpha = try #require(files["alpha-academy/index.html"])
        #expect(alpha.contains("--brand: #7b1e1e;"))
        #expect(!alpha.contains("own footer"), "an override applies to its own school only")
    }

    @Test func theNotFoundPageUsesPathsThatWorkAtAnyDepth() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let page = try #require(try renderedFiles(of: fixture)["alpha-academy/404.html"])
        #expect(page.contains(#"href="/parents/social-media/assets/site.css""#))
        #expect(page.contains(#"<a href="/parents/social-media/code-of-conduct/">"#))
        #expect(!page.contains("rel=\"canonical\""))
    }

    @Test func everyPageHasOneH1LangAndASkipLink() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for (path, page) in try renderedFiles(of: fixture) where path.hasSuffix(".html") {
            #expect(page.components(separatedBy: "<h1").count == 2, "\(path) must have exactly one h1")
            #expect(page.contains(#"<html lang="en-GB">"#), "\(path)")
            #expect(page.contains(##"<a class="skip-link" href="#main">"##), "\(path)")
            #expect(page.contains(#"<main id="main">"#), "\(path)")
        }
    }

    @Test func renderingIsDeterministic() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try renderedFiles(of: fixture) == renderedFiles(of: fixture))
    }
}

@Suite struct ValueTests {
    @Test func contrastMatchesWCAGFigures() {
        #expect(abs(Contrast.ratio(.white, Colour(red: 0, green: 0, blue: 0)) - 21) < 0.001)
        #expect(abs(Contrast.ratio(.white, Colour(hex: "#767676")!) - 4.54) < 0.01)
        #expect(Contrast.ratio(.white, Colour(hex: "#777777")!) < 4.5)
        let suggestion = Contrast.darkenedForWhiteText(Colour(hex: "#ffcc00")!)
        #expect(Contrast.ratio(suggestion, .white) >= 4.5)
    }

    @Test func datesAreChecked() {
        #expect(CalendarDate(iso: "2028-02-29")?.iso == "2028-02-29")
        #expect(CalendarDate(iso: "2027-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "16/11/2026") == nil)
    }

    @Test func slugsFollowThePattern() {
        #expect(School.isValidSlug("wade-deacon-high-school"))
        #expect(School.isValidSlug("st-chads2"))
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é"] {
            #expect(!School.isValidSlug(bad), "\(bad)")
        }
    }

    @Test func variablesAreFoundWithTheirPositions() {
        let scan = VariableScanner.uses(in: "Hi {{school.name}}\n\n{{association.member_schools}}\n\nbad {{x", firstLine: 5)
        #expect(scan.uses.map(\.name) == ["school.name", "association.member_schools"])
        #expect(scan.uses.map(\.line) == [5, 7])
        #expect(scan.uses.map(\.column) == [4, 1])
        #expect(scan.uses.map(\.standsAlone) == [false, true])
        #expect(scan.unclosed.map(\.line) == [9])
    }
}

@Suite struct HardeningTests {
    @Test func aSchoolValueCannotTurnALinkIntoScript() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("""
            slug: beta-college
            name: Beta College
            short_name: "javascript:alert(document.cookie)"
            town: Runcorn
            website: https://beta.example.ac.uk
            """, to: "Schools/beta-college/school.yml")
        try fixture.write("---\nafter: keeping-safe\n---\n[Click]({{school.short_name}})\n",
                          to: "Schools/beta-college/sections/trap.md")
        let code = try #require(try renderedFiles(of: fixture)["beta-college/code-of-conduct/index.html"])
        #expect(code.contains(#"<a href="javascript%3Aalert%28document.cookie%29">Click</a>"#))
        #expect(!code.contains("href=\"javascript:"))
    }

    @Test func textAfterANulByteIsKept() {
        let html = CommonMarkProbe.render("Text\u{0}hidden")
        #expect(html.contains("hidden"))
    }

    @Test func symbolicLinksInTheSiteAreReportedNotFollowed() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(at: fixture.url("Schools/alpha-academy/loop"),
                                                   withDestinationURL: fixture.url("Schools"))
        try FileManager.default.createSymbolicLink(at: fixture.url("Schools/beta-college/loop"),
                                                   withDestinationURL: fixture.url("Schools"))
        #expect(diagnostics(of: fixture).map { $0.prefix { $0 != "\n" } } == [
            "Schools/alpha-academy/loop:1:1: error: this is a symbolic link, which conduct does not follow",
            "Schools/beta-college/loop:1:1: error: this is a symbolic link, which conduct does not follow",
        ])
    }

    @Test func anotherSchoolsBrokenFileDoesNotStopASelectedBuild() throws {
        let fixture = try FixtureSite(invalidCase: "unknown-and-missing-keys")
        defer { fixture.remove() }
        let (site, problems) = SiteValidator.validate(SiteLoader.load(root: fixture.root), schools: ["alpha-academy"])
        #expect(problems.isEmpty)
        #expect(site != nil)
    }

    @Test func coloursAndDatesAcceptOnlyDigits() {
        #expect(Colour(hex: "#+00000") == nil)
        #expect(Colour(hex: "#1f4e79")?.hex == "#1f4e79")
        #expect(CalendarDate(iso: "+202-01-01") == nil)
        #expect(!School.isValidSlug("a\u{20DD}"))
    }
}
