@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// The words of the pages come from `Content/strings/<language>.yml`, checked on load
/// like every other file of the site.
@Suite struct InterfaceTextTests {
    private let stringsFile = "Content/strings/en-GB.yml"

    /// The fixture with one line of the English strings file replaced.
    private func fixture(replacing line: String, with replacement: String) throws -> FixtureSite {
        let fixture = try FixtureSite()
        let text = try fixture.read(stringsFile)
        #expect(text.contains(line + "\n"), "the strings file has no line '\(line)'")
        try fixture.write(text.replacingOccurrences(of: line + "\n", with: replacement + "\n"), to: stringsFile)
        return fixture
    }

    private func line(of key: String, in fixture: FixtureSite) throws -> Int {
        let lines = try fixture.read(stringsFile).split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.hasPrefix(key + ":") }) + 1
    }

    @Test func theEnglishFileHasEveryKey() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let (site, problems) = SiteValidator.validate(SiteLoader.load(root: fixture.root))
        #expect(problems.isEmpty)
        let text = try #require(site?.text)
        #expect(text.language == "en-GB")
        #expect(text.text(.languageName) == "English")
        #expect(text.text(.direction) == "ltr")
    }

    /// Pages take their words from a form of the interface text prepared once per
    /// language; it writes every key as `html` does: words escaped, values escaped in
    /// full, a placeholder without a value as written.
    @Test func pagesWriteEveryKeyAsTheInterfaceTextDoes() {
        var texts = Dictionary(uniqueKeysWithValues: InterfaceText.Key.allCases.map {
            ($0, "Words & <more> \"quoted\" of \($0.rawValue)")
        })
        texts[.homeLead] = "{school} & {association}: {unknown} {school"
        texts[.footerShared] = "}{association}}{"
        let text = InterfaceText(language: "en-GB", texts: texts)
        let values = ["school": "St <Anne's> & \"Co\"", "association": "A&B"]
        let page = PageTextTemplate(text).fill(values)
        for key in PageText.keys {
            #expect(page.texts[key.rawValue]?.html == text.html(key, values), "\(key.rawValue)")
        }
        #expect(page.texts[InterfaceText.Key.homeLead.rawValue]?.html
            == "St &lt;Anne&#39;s&gt; &amp; &quot;Co&quot; &amp; A&amp;B: {unknown} {school")
        #expect(page.texts[InterfaceText.Key.footerShared.rawValue]?.html == "}A&amp;B}{")
        #expect(page.texts[InterfaceText.Key.contents.rawValue]?.html == "Words &amp; &lt;more&gt; &quot;quoted&quot; of contents")
    }

    @Test func aMissingKeyIsReported() throws {
        let fixture = try fixture(replacing: "contents: Contents", with: "")
        defer { fixture.remove() }
        #expect(diagnostics(of: fixture) == ["\(stringsFile):1:1: error: missing required key 'contents'\n    hint: add a line `contents: ...`"])
    }

    @Test func anUnknownKeyIsReportedWithTheKeyItResembles() throws {
        let fixture = try fixture(replacing: "contents: Contents", with: "contents: Contents\ncontnets: Contents")
        defer { fixture.remove() }
        let line = try line(of: "contnets", in: fixture)
        let problem = try #require(diagnostics(of: fixture).first)
        #expect(problem.hasPrefix("\(stringsFile):\(line):1: error: unknown key 'contnets'\n    hint: did you mean 'contents'?"))
    }

    @Test func aPlaceholderTheTextDoesNotHaveIsPointedAt() throws {
        let fixture = try fixture(replacing: #"title_home: "Social Media Code of Conduct – {school}""#,
                                  with: #"title_home: "Social Media Code of Conduct – {shcool}""#)
        defer { fixture.remove() }
        let line = try line(of: "title_home", in: fixture)
        #expect(diagnostics(of: fixture) == ["""
            \(stringsFile):\(line):45: error: 'title_home' uses the placeholder '{shcool}', which it does not have
                hint: did you mean '{school}'? placeholders here: {school}
            """])
    }

    @Test func aTextWithoutPlaceholdersCannotUseOne() throws {
        let fixture = try fixture(replacing: "contents: Contents", with: "contents: Contents of {title}")
        defer { fixture.remove() }
        #expect(diagnostics(of: fixture).first?.contains("""
            'contents' uses the placeholder '{title}', which it does not have
                hint: this text has no placeholders; write the words themselves
            """) == true)
    }

    @Test func aBraceWithoutItsPartnerIsRefused() throws {
        let fixture = try fixture(replacing: "contents: Contents", with: "contents: Contents {")
        defer { fixture.remove() }
        let line = try line(of: "contents", in: fixture)
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "\(stringsFile):\(line):20: error: 'contents' has a '{' or '}' without its partner") == true)
    }

    @Test func anEmptyTextIsRefused() throws {
        let fixture = try fixture(replacing: "contents: Contents", with: #"contents: """#)
        defer { fixture.remove() }
        let line = try line(of: "contents", in: fixture)
        #expect(diagnostics(of: fixture).first?.hasPrefix("\(stringsFile):\(line):11: error:") == true)
        #expect(diagnostics(of: fixture).first?.contains("'contents'") == true)
    }

    @Test func theDirectionIsLeftToRightOrRightToLeft() throws {
        let fixture = try fixture(replacing: "direction: ltr", with: "direction: left")
        defer { fixture.remove() }
        let line = try line(of: "direction", in: fixture)
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "\(stringsFile):\(line):12: error: 'direction' must be ltr or rtl, not 'left'") == true)
    }

    @Test func theLinkPreviewLocaleIsALanguageAndARegion() throws {
        let fixture = try fixture(replacing: "open_graph_locale: en_GB", with: "open_graph_locale: en-gb")
        defer { fixture.remove() }
        let line = try line(of: "open_graph_locale", in: fixture)
        #expect(diagnostics(of: fixture) == [
            "\(stringsFile):\(line):20: error: 'open_graph_locale' must be a language and a region joined by '_', such as pl_PL, "
                + "not 'en-gb'\n    hint: link previews on Facebook and WhatsApp name a locale this way: en_GB, pl_PL, ur_PK, ar_AR",
        ])
    }

    @Test func theDirectionIsTheLanguagesOwn() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        for (language, from, to) in [("ur", "direction: rtl", "direction: ltr"), ("pl", "direction: ltr", "direction: rtl")] {
            let path = "Content/strings/\(language).yml"
            try fixture.write(try fixture.read(path).replacingOccurrences(of: from, with: to), to: path)
        }
        let problems = diagnostics(of: fixture).map { $0.prefix { $0 != "\n" } }
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("Content/strings/pl.yml:") && $0.hasSuffix(
            "error: 'pl' is written left to right, so its pages need direction: ltr, not rtl") })
        #expect(problems.contains { $0.hasPrefix("Content/strings/ur.yml:") && $0.hasSuffix(
            "error: 'ur' is written right to left, so its pages need direction: rtl, not ltr") })
    }

    @Test func theEnglishFileMustBeThere() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.url(stringsFile))
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "\(stringsFile):1:1: error: missing file: \(stringsFile), the words of the pages in English") == true)
    }

    @Test func anotherLanguageHasExactlyTheKeysOfEnglish() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let english = try fixture.read(stringsFile)
        let polish = english.replacingOccurrences(of: "language_name: English\n", with: "language_name: Polski\n")
        try fixture.write(polish, to: "Content/strings/pl.yml")
        let site = try #require(SiteValidator.validate(SiteLoader.load(root: fixture.root)).site)
        #expect(site.interfaceText["pl"]?.text(.languageName) == "Polski")
        #expect(site.text.text(.languageName) == "English", "the main pages stay English")

        try fixture.write(polish.replacingOccurrences(of: "contents: Contents\n", with: "")
                            + "contnets: Spis treści\n", to: "Content/strings/pl.yml")
        let problems = diagnostics(of: fixture)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("Content/strings/pl.yml:1:1: error: missing required key 'contents'") })
        #expect(problems.contains { $0.hasPrefix("Content/strings/pl.yml:") && $0.contains("unknown key 'contnets'") })
    }

    @Test func aStringsFileNotNamedByALanguageTagIsReportedRatherThanLeftOut() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let polish = try fixture.read("Content/strings/pl.yml")
        for name in ["Polish", "PL", "pl_PL"] {
            try fixture.write(polish, to: "Content/strings/\(name).yml")
        }
        let hint = "    hint: Content/strings/ holds en-GB.yml and one file for each language of Content/translations/, named by its tag "
            + "(such as pl.yml); rename it if it was meant to be used, or move it out of the site's folders"
        #expect(diagnostics(of: fixture) == ["PL", "Polish", "pl_PL"].map {
            "Content/strings/\($0).yml:1:1: error: this file is not used by the site\n" + hint
        })
    }

    @Test func thePagesReadTheirWordsFromTheStringsFile() throws {
        let fixture = try fixture(replacing: "navigation_code: The Code", with: "navigation_code: Our Code")
        defer { fixture.remove() }
        let text = try fixture.read(stringsFile)
        try fixture.write(text.replacingOccurrences(of: "contents: Contents\n", with: "contents: In this Code\n")
                            .replacingOccurrences(of: "skip_link: Skip to main content\n", with: "skip_link: Skip to the page\n"),
                          to: stringsFile)
        let files = try renderedFiles(of: fixture)
        let home = try #require(files["beta-college/index.html"])
        #expect(home.contains(#"<li><a href="code-of-conduct/">Our Code</a></li>"#))
        #expect(home.contains(##"<a class="skip-link" href="#main">Skip to the page</a>"##))
        let code = try #require(files["beta-college/code-of-conduct/index.html"])
        #expect(code.contains("<summary>In this Code</summary>"))
        #expect(code.contains(#"aria-label="In this Code""#))
    }

    @Test func textIsEscapedAndItsValuesInFull() throws {
        let fixture = try fixture(replacing: "home_heading: Social Media Code of Conduct",
                                  with: #"home_heading: "Safe & kind <online>, the \"Code\" it's""#)
        defer { fixture.remove() }
        let text = try fixture.read("Schools/beta-college/school.yml")
        try fixture.write(text.replacingOccurrences(of: "name: Beta College", with: "name: Beta's <College>"),
                          to: "Schools/beta-college/school.yml")
        let home = try #require(try renderedFiles(of: fixture)["beta-college/index.html"])
        // The strings file's apostrophe is written as it is; the school's name is escaped as Mustache escapes values.
        #expect(home.contains("<h1>Safe &amp; kind &lt;online&gt;, the &quot;Code&quot; it's</h1>"))
        #expect(home.contains("<title>Social Media Code of Conduct – Beta&#39;s &lt;College&gt;</title>"))
        #expect(home.contains("<p class=\"lead\">Beta&#39;s &lt;College&gt; and the other secondary schools"))
    }

    @Test func datesAreWrittenAsTheLanguageWritesThem() throws {
        let fixture = try fixture(replacing: #"date: "{day} {month} {year}""#, with: #"date: "{day}. {month} {year}""#)
        defer { fixture.remove() }
        let text = try fixture.read(stringsFile)
        try fixture.write(text.replacingOccurrences(of: "month_november: November\n", with: "month_november: listopada\n")
                            .replacingOccurrences(of: #"date_range: "{start} to {end}""#, with: #"date_range: "{start}–{end}""#),
                          to: stringsFile)
        let site = try #require(SiteValidator.validate(SiteLoader.load(root: fixture.root)).site)
        let november16 = try #require(CalendarDate(iso: "2026-11-16")), november20 = try #require(CalendarDate(iso: "2026-11-20"))
        #expect(site.text.date(november16) == "16. listopada 2026")
        #expect(site.text.dateRange(from: november16, to: november20) == "16–20. listopada 2026")
        let letter = try #require(try renderedFiles(of: fixture)["beta-college/letter/index.html"])
        #expect(letter.contains(#"<time datetime="2026-11-16">16. listopada 2026</time>"#))
    }

    @Test func englishDatesAndSpansOfDays() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let text = try #require(SiteValidator.validate(SiteLoader.load(root: fixture.root)).site).text
        func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
        #expect(text.date(day("2026-11-16")) == "16 November 2026")
        #expect(text.dateRange(from: day("2026-11-16"), to: day("2026-11-20")) == "16 to 20 November 2026")
        #expect(text.dateRange(from: day("2026-11-30"), to: day("2026-12-04")) == "30 November to 4 December 2026")
        #expect(text.dateRange(from: day("2026-12-28"), to: day("2027-01-01")) == "28 December 2026 to 1 January 2027")
    }

    @Test func aTemplateNamingTextThatDoesNotExistIsReported() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let footer = try fixture.read("Schools/beta-college/templates/partials/footer.mustache")
        try fixture.write(footer + "<p>{{{strings.contnets}}}</p>\n", to: "Schools/beta-college/templates/partials/footer.mustache")
        let problem = try #require(diagnostics(of: fixture).first)
        #expect(problem.contains("error: '{{{strings.contnets}}}' names no value that this page has"))
        #expect(problem.contains("hint: did you mean 'strings.contents'?"))
    }

    @Test func aPhoneNumberInTheWordsOfThePagesMustBeInTheRegister() throws {
        let fixture = try fixture(replacing: "not_found_options: \"You can:\"", with: "not_found_options: \"You can call 0800 1111:\"")
        defer { fixture.remove() }
        let line = try line(of: "not_found_options", in: fixture)
        let problems = SourceRegisterCheck.check(SiteLoader.load(root: fixture.root)).map(\.description)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(stringsFile):\(line):34: error:") == true)
        #expect(problems.first?.contains("0800 1111") == true)
    }

    @Test func theLetterForEmailAndTheReadmeAreFramedByTheStringsFile() throws {
        let fixture = try fixture(replacing: #"letter_text_online: "This letter online: {address}""#,
                                  with: #"letter_text_online: "Read it online at {address}""#)
        defer { fixture.remove() }
        let text = try fixture.read(stringsFile)
        try fixture.write(text.replacingOccurrences(of: "readme_unconfirmed_heading: STILL TO BE CONFIRMED\n",
                                                    with: "readme_unconfirmed_heading: PLEASE CHECK\n"), to: stringsFile)
        let school = try fixture.read("Schools/beta-college/school.yml")
        try fixture.write(school + "unverified: [town]\n", to: "Schools/beta-college/school.yml")
        let site = try #require(SiteValidator.validate(SiteLoader.load(root: fixture.root)).site)
        let renderer = SiteRenderer(site)
        let beta = try #require(site.schools.first { $0.slug == "beta-college" })
        let bundle = try #require(try BundleRenderer.render(beta, with: renderer, version: "1.0"))
        let files = Dictionary(uniqueKeysWithValues: bundle.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
        #expect(try #require(files["letter.txt"]).contains("\n--\nRead it online at \(beta.baseURL)letter/\n"))
        #expect(try #require(files["README.txt"]).contains("\nPLEASE CHECK\nThese values were published"))
    }
}
