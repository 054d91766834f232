@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// The Easy Read: `Content/easy-read.md`, its pictures from `Content/icons/`, its page,
/// its links and its place in the bundle and in `conduct check`.
@Suite struct EasyReadTests {
    private let easyRead = "Content/easy-read.md"

    private func site(of fixture: FixtureSite) throws -> Site {
        let (site, problems) = SiteValidator.validate(SiteLoader.load(root: fixture.root))
        #expect(problems.isEmpty, "\(problems)")
        return try #require(site)
    }

    @Test func eachPointIsDrawnBesideItsPictureWithItsWordsAsTheTextAlternative() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let page = try #require(try renderedFiles(of: fixture)["beta-college/easy-read/index.html"])
        #expect(page.contains("""
            <div class="point">
            <svg class="point-picture" role="img" aria-label="A phone" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"
            """))
        #expect(page.contains("</svg>\n<p>If someone is in danger, call <strong>999</strong>.</p>\n</div>"))
        #expect(!page.contains("<img"), "no picture is left as an image the page cannot show")
        #expect(page.contains(#"<article class="document easy-read">"#))
    }

    @Test func theEasyReadIsLinkedFromTheHomePageTheCodeAndTheNavigation() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture)
        let code = try #require(files["beta-college/code-of-conduct/index.html"])
        let link = try #require(code.range(of: #"<p class="easy-read-link"><a href="../easy-read/">Easy Read version</a></p>"#))
        let body = try #require(code.range(of: #"<div class="document-body">"#))
        #expect(link.lowerBound < body.lowerBound, "the link is near the top, before the Code itself")
        let home = try #require(files["beta-college/index.html"])
        #expect(home.contains(#"<h3><a href="easy-read/">The Code in Easy Read</a></h3>"#))
        #expect(home.contains(#"<li><a href="easy-read/">Easy Read</a></li>"#))
        #expect(try #require(files["beta-college/sitemap.xml"]).contains("code-of-conduct-pages/easy-read/</loc>"))
        #expect(!(try #require(files["beta-college/letter/index.html"])).contains("easy-read-link"))
    }

    @Test func aSiteWithoutAnEasyReadHasNoSuchPage() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for path in [easyRead, "Content/icons", "Schools/alpha-academy/sections/d-easy-read-contact.md"] {
            try FileManager.default.removeItem(at: fixture.url(path))
        }
        let files = try renderedFiles(of: fixture)
        #expect(files["beta-college/easy-read/index.html"] == nil)
        #expect(files.filter { $0.key.hasSuffix(".html") }.allSatisfy { !$0.value.contains("easy-read") })
        #expect(!(try #require(files["beta-college/sitemap.xml"])).contains("easy-read"))
        let site = try site(of: fixture)
        let bundle = try #require(try BundleRenderer.render(site.schools[0], with: SiteRenderer(site), version: "1"))
        #expect(bundle.map(\.path) == ["embed.html", "letter.txt", "letter-print.html", "poster.html", "README.txt"])
    }

    @Test func theBundleHasAnEasyReadToPasteWithItsPicturesInside() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let site = try site(of: fixture)
        let beta = try #require(site.schools.first { $0.slug == "beta-college" })
        let bundle = try #require(try BundleRenderer.render(beta, with: SiteRenderer(site), version: "2.1"))
        let files = Dictionary(uniqueKeysWithValues: bundle.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
        let embed = try #require(files["embed-easy-read.html"])
        #expect(embed.hasPrefix("<!-- The Code in Easy Read for Beta College."))
        #expect(embed.contains("Links point at \(beta.baseURL)easy-read/. -->"))
        #expect(embed.contains(#"<svg class="point-picture" role="img" aria-label="Two speech bubbles""#))
        #expect(try #require(files["README.txt"]).contains("\nembed-easy-read.html\n    The Code in Easy Read"))
    }

    @Test func aPictureMustStartItsPointAndNameAnIcon() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read(easyRead) + """

            Call us. ![A phone](icons/phone.svg)

            ![](icons/phone.svg) Ask for help.

            ![Speech](icons/tlak.svg) Talk to us.

            """, to: easyRead)
        let problems = diagnostics(of: fixture)
        #expect(problems == [
            """
            \(easyRead):18:1: error: a picture must start its point: a paragraph that starts with it, its words on the same line
                hint: write the picture first, then the point's sentences: ![A phone](icons/phone.svg) If someone is in danger, call 999.
            """,
            """
            \(easyRead):20:1: error: this picture has no words: they are its text alternative, read out instead of it
                hint: say what the picture shows between the brackets: ![A phone with a speech bubble](icons/phone.svg)
            """,
            """
            \(easyRead):22:1: error: the picture 'icons/tlak.svg' is not an icon of Content/icons/
                hint: did you mean 'icons/talk.svg'? icons: icons/phone.svg, icons/talk.svg
            """,
        ])
    }

    @Test func aPictureInATightListIsNotAPoint() throws {
        // Its item has no <p>, so it would stay an <img> of a file the site does not have.
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read(easyRead) + "\n- ![A phone](icons/phone.svg) Call us.\n- Or write.\n", to: easyRead)
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "\(easyRead):18:3: error: a picture must start its point") == true, "\(diagnostics(of: fixture))")
    }

    @Test func aTranslatedEasyReadHasItsPicturesCheckedToo() throws {
        // Unchecked, they would stay <img>s of files the site does not have.
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        let body = try fixture.read(easyRead).components(separatedBy: "---\n")[2]
            .replacingOccurrences(of: "![A phone](icons/phone.svg) If someone", with: "Jeśli ktoś ![Telefon](icons/fone.svg)")
        let path = "Content/translations/pl/easy-read.md"
        try fixture.write("""
            ---
            title: Kodeks w tekście łatwym do czytania
            summary: Kodeks w krótkich, łatwych słowach.
            source_digest: "sha256:\(String(repeating: "0", count: 64))"
            reviewed_by: ""
            ---
            """ + body, to: path)
        #expect(diagnostics(of: fixture).map { $0.prefix { $0 != "\n" } } == [
            "\(path):16:1: error: a picture must start its point: a paragraph that starts with it, its words on the same line",
            "\(path):16:1: error: the picture 'icons/fone.svg' is not an icon of Content/icons/",
        ])
    }

    @Test func aSectionInTheEasyReadHasItsPicturesCheckedToo() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let section = "Schools/alpha-academy/sections/d-easy-read-contact.md"
        try fixture.write(try fixture.read(section).replacingOccurrences(of: "icons/talk.svg", with: "icons/bell.svg"), to: section)
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "\(section):5:1: error: the picture 'icons/bell.svg' is not an icon of Content/icons/") == true)
    }

    @Test func aPictureOutsideTheEasyReadIsAnErrorNotABrokenImage() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let code = "Content/code-of-conduct.md", section = "Schools/alpha-academy/sections/c-contact.md"
        let codeLines = try fixture.read(code).split(separator: "\n", omittingEmptySubsequences: false).count
        try fixture.write(try fixture.read(code) + "\n![A phone](icons/phone.svg) Call us.\n", to: code)
        try fixture.write(try fixture.read(section) + "\n\nOr ![a phone](icons/phone.svg) call.\n", to: section)
        let refusal = "error: pictures are drawn only in easy-read.md and the sections placed in it; "
            + "here it would be a broken image\n    hint: remove it, or move the point into the Easy Read "
            + "(a section with 'document: easy-read')"
        #expect(diagnostics(of: fixture) == ["\(code):\(codeLines + 1):1: \(refusal)", "\(section):7:1: \(refusal)"])
    }

    @Test func anEasyReadThatCannotBeReadLeavesItsIconsUnjudged() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read(easyRead) + "\nA pasted \u{202E}override.\n", to: easyRead)
        let problems = diagnostics(of: fixture)
        #expect(problems.count == 1, "\(problems.joined(separator: " // "))")
        #expect(problems.first?.hasPrefix("\(easyRead):") == true && problems.first?.contains("U+202E") == true)
    }

    @Test func aSectionForAnEasyReadTheSiteDoesNotHaveIsAnError() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for path in [easyRead, "Content/icons"] {
            try FileManager.default.removeItem(at: fixture.url(path))
        }
        #expect(diagnostics(of: fixture) == ["""
            Schools/alpha-academy/sections/d-easy-read-contact.md:2:11: error: this section is placed in the easy-read document, but the site has no Content/easy-read.md
                hint: write Content/easy-read.md, or place the section in another document with `document:`
            """])
    }

    @Test func anIconThatNoPointUsesIsAnError() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Content/icons/phone.svg"), to: "Content/icons/spare.svg")
        #expect(diagnostics(of: fixture) == ["""
            Content/icons/spare.svg:1:1: error: the icon 'spare' is not used by any point of the Easy Read
                hint: use it in Content/easy-read.md (![what it shows](icons/name.svg) at the start of a point), or delete it
            """])
    }

    @Test(arguments: [
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48"><path d="M0 0"/></svg>"#,
         "1:61: error: this icon sets 'width' on the <svg>: the page sizes it"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"/></svg>"#,
         #"1:1: error: this icon needs viewBox="0 0 48 48" on its <svg>"#),
        (#"<svg viewBox="0 0 48 48"><path d="M0 0"/></svg>"#,
         #"1:1: error: this icon needs xmlns="http://www.w3.org/2000/svg" on its <svg>"#),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\">\n<title>A phone</title></svg>",
         "2:1: error: this icon uses <title>, which an icon does not need"),
        (##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><path fill="#ff0000" d="M0 0"/></svg>"##,
         "1:67: error: this icon is drawn in '#ff0000': it must be drawn in currentColor (or none), to take the page's colour"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><path style="fill:red" d="M0 0"/></svg>"#,
         "1:67: error: this icon uses the attribute 'style', which an icon does not need"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><path id="a" onclick="x()" d="M0 0"/></svg>"#,
         "1:67: error: this icon uses the attribute 'id', which an icon does not need"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><image href="https://example.com/a.png"/></svg>"#,
         "1:61: error: this icon uses <image>, which an icon does not need"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><script>alert(1)</script></svg>"#,
         "1:61: error: this icon uses <script>, which an icon does not need"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><g>Phone</g></svg>"#,
         "1:64: error: this icon holds text, which would be read out beside the picture's own words"),
        (#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"></svg>"#,
         "1:1: error: this icon must be one <svg> element, with nothing before or after it"),
        // A browser ends these comments at `<!-->` and `--!>`, and would run the script.
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\">\n<!--><script>alert(1)</script>--></svg>",
         "2:1: error: this icon holds a comment, doctype, CDATA or processing instruction ('<!')"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><!-- a --!><script>alert(1)</script>--></svg>"#,
         "1:61: error: this icon holds a comment, doctype, CDATA or processing instruction ('<!')"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><![CDATA[ A phone ]]></svg>"#,
         "1:61: error: this icon holds a comment, doctype, CDATA or processing instruction ('<!')"),
    ])
    func anIconBreakingARuleIsRefusedWhereItBreaksIt(svg: String, expected: String) {
        let path = "Content/icons/x.svg"
        let problems = IconCheck.check(Data(svg.utf8), path: path).map(\.description)
        #expect(problems.first?.hasPrefix("\(path):\(expected)") == true, "\(problems)")
    }

    @Test func anIconThatIsNotUTF8IsRefusedRatherThanDrawnWithReplacementCharacters() {
        let svg = Data(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><path d=""#.utf8) + Data([0xFF, 0xFE])
            + Data(#""/></svg>"#.utf8)
        #expect(IconCheck.check(svg, path: "Content/icons/x.svg").map(\.description) == ["""
            Content/icons/x.svg:1:1: error: cannot read this file: it is not UTF-8 text
                hint: save the file as UTF-8 text
            """])
    }

    @Test func anIconsNameIsOnlyLowercaseLettersDigitsAndHyphens() throws {
        // Its picture's address would reach the page percent-encoded, and not find it.
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Content/icons/phone.svg"), to: "Content/icons/Mój telefon.svg")
        try fixture.write(try fixture.read(easyRead) + "\n![A phone](<icons/Mój telefon.svg>) Call us.\n", to: easyRead)
        #expect(diagnostics(of: fixture).map { $0.prefix { $0 != "\n" } } == [
            "Content/icons/Mój telefon.svg:1:1: error: this icon is named 'Mój telefon.svg': an icon's name has only lowercase letters, "
                + "digits and hyphens, such as phone-call.svg",
        ])
    }

    @Test func anIconJustOverItsLimitIsNotSaidToBeOfTheLimitsSize() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let phone = try fixture.read("Content/icons/phone.svg")
        try fixture.write(phone + String(repeating: " ", count: IconCheck.maximumSize + 1 - phone.utf8.count), to: "Content/icons/phone.svg")
        #expect(diagnostics(of: fixture).contains {
            $0.hasPrefix("Content/icons/phone.svg:1:1: error: this file is 4097 bytes, over the 4 KB limit")
        }, "\(diagnostics(of: fixture))")
    }

    @Test func anIconSavedWithAByteOrderMarkIsDrawnWithoutIt() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let phone = try Data(contentsOf: fixture.url("Content/icons/phone.svg"))
        try (Data([0xEF, 0xBB, 0xBF]) + phone).write(to: fixture.url("Content/icons/phone.svg"))
        let page = try #require(try renderedFiles(of: fixture)["beta-college/easy-read/index.html"])
        #expect(page.contains(#"aria-label="A phone" xmlns="http://www.w3.org/2000/svg""#))
        #expect(!page.contains("\u{FEFF}"))
    }

    @Test func theFixtureIconsFollowTheRules() throws {
        for name in ["phone", "talk"] {
            let url = FixtureSite.fixtures.appendingPathComponent("site/Content/icons/\(name).svg")
            #expect(IconCheck.check(try Data(contentsOf: url), path: name).isEmpty)
        }
    }

    @Test func anIconOverItsSizeLimitIsNotRead() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let big = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">"#
            + String(repeating: #"<path d="M0 0 L48 48"/>"#, count: 200) + "</svg>"
        try fixture.write(big, to: "Content/icons/phone.svg")
        #expect(diagnostics(of: fixture).contains { $0.hasPrefix("Content/icons/phone.svg:1:1: error: this file is 4.6 KB, over the 4 KB limit") },
                "\(diagnostics(of: fixture))")
    }

    @Test func theEasyReadsReadingLevelLeavesOutThePicturesWords() {
        let level = ReadingLevel(path: "x.md", markdown: "![A phone with a speech bubble and a long description](icons/phone.svg) Call us.")
        #expect(level.words == 2)
    }

    @Test func anEasyReadWrittenFromAnEarlierCodeIsListedAsOutOfDate() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(ContentReport.make(root: fixture.root).outOfDate.isEmpty)
        try fixture.write(try fixture.read(easyRead).replacingOccurrences(of: #"code_version: "2.1""#, with: #"code_version: "2.0""#),
                          to: easyRead)
        #expect(ContentReport.make(root: fixture.root).outOfDate
                    == [OutOfDateDocument(path: easyRead, writtenFrom: "2.0", codeVersion: "2.1")])
    }

    @Test func aCodeVersionLaterThanTheCodesIsAnError() throws {
        // Listed as out of date, it would be said to be written from an earlier Code.
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let code = try fixture.read("Content/code-of-conduct.md")
        let version = try #require(code.split(separator: "\n").first { $0.hasPrefix("version:") })
        try fixture.write(code.replacingOccurrences(of: version, with: "version: \"2.9\""), to: "Content/code-of-conduct.md")
        try fixture.write(try fixture.read(easyRead).replacingOccurrences(of: "code_version: \"2.1\"", with: "code_version: \"2.10\""),
                          to: easyRead)
        #expect(diagnostics(of: fixture) == ["""
            \(easyRead):4:15: error: 'code_version' is 2.10, a version of the Code not yet written: the Code is version 2.9
                hint: write the version of the Code it was written from (2.9 if it follows the Code as it is now)
            """])
    }

    @Test func theEasyReadNamesTheCodeVersionItWasWrittenFrom() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read(easyRead).replacingOccurrences(of: "code_version: \"2.1\"\n", with: ""), to: easyRead)
        #expect(diagnostics(of: fixture).first?.hasPrefix("\(easyRead):2:1: error: missing required key 'code_version'") == true)
    }

    @Test func itsPhoneNumbersMustBeInTheRegisterOfSources() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read(easyRead) + "\n![A phone](icons/phone.svg) Call **0800 1111**.\n", to: easyRead)
        let problems = SourceRegisterCheck.check(SiteLoader.load(root: fixture.root)).map(\.description)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(easyRead):18:") == true, "\(problems)")
    }
}
