import ConductKit
import Foundation
import TestSupport
import Testing

/// The pages of translations: where they go, their language and direction, the
/// language list, alternates, notices, and the link-preview tags every page carries.
@Suite struct TranslatedPageTests {
    private func pages(includeDrafts: Bool = true) throws -> [String: String] {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        return try renderedFiles(of: fixture, includeDrafts: includeDrafts)
    }

    @Test func eachTranslationHasItsPageInItsLanguagesFolder() throws {
        let files = try pages()
        for school in ["alpha-academy", "beta-college"] {
            for path in ["pl/code-of-conduct/index.html", "pl/letter/index.html", "ur/code-of-conduct/index.html"] {
                #expect(files["\(school)/\(path)"] != nil, "\(school)/\(path)")
            }
            #expect(files["\(school)/ur/letter/index.html"] == nil)
        }
    }

    @Test func aDraftTranslationIsLeftOutWithoutDrafts() throws {
        let files = try pages(includeDrafts: false)
        #expect(files["alpha-academy/ur/code-of-conduct/index.html"] == nil)
        #expect(files["alpha-academy/pl/code-of-conduct/index.html"] != nil)
        let english = try #require(files["alpha-academy/code-of-conduct/index.html"])
        #expect(!english.contains("hreflang=\"ur\""))
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"pl\" href=\"https://www.alpha.example.sch.uk/parents/social-media/pl/code-of-conduct/\">"))
        #expect(!(files["alpha-academy/sitemap.xml"] ?? "").contains("/ur/"))
    }

    @Test func pagesSayTheirLanguageAndDirection() throws {
        let files = try pages()
        #expect(files["alpha-academy/ur/code-of-conduct/index.html"]?.contains("<html lang=\"ur\" dir=\"rtl\">") == true)
        #expect(files["alpha-academy/pl/code-of-conduct/index.html"]?.contains("<html lang=\"pl\">") == true)
        #expect(files["alpha-academy/code-of-conduct/index.html"]?.contains("<html lang=\"en-GB\">") == true)
    }

    @Test func theSchoolsOwnSectionsStayInEnglishAndSaySo() throws {
        let page = try #require(try pages()["alpha-academy/pl/code-of-conduct/index.html"])
        // "c-contact.md" replaces the text of "contact-your-school": here under its Polish heading.
        #expect(page.contains("<h2 id=\"kontakt-ze-szkołą\">Kontakt ze szkołą</h2>\n<div lang=\"en-GB\" dir=\"ltr\">\n<p>Speak to your child’s form tutor first"))
        #expect(page.contains("<div lang=\"en-GB\" dir=\"ltr\">\n<h2 id=\"a-welcome-from-alpha\">A welcome from Alpha</h2>"))
        #expect(page.contains("<li><span lang=\"en-GB\" dir=\"ltr\">In an emergency"))
        // In the contents list too; the translated headings are not marked.
        #expect(page.contains("<li><a href=\"#a-welcome-from-alpha\"><span lang=\"en-GB\" dir=\"ltr\">A welcome from Alpha</span></a></li>"))
        #expect(page.contains("<li><a href=\"#cel\">Cel</a></li>"))
    }

    @Test func theBannersEnglishWordsAreMarkedDuringTheWeek() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture, asOf: LondonTime.instant(parsing: "2026-11-17T09:00")!, includeDrafts: true)
        let page = try #require(files["alpha-academy/ur/code-of-conduct/index.html"])
        #expect(page.contains("<strong><span lang=\"en-GB\" dir=\"ltr\">Anti-Bullying Week 2026</span>: 16 تا 20 نومبر 2026</strong>"))
        #expect(page.contains("<p><span lang=\"en-GB\" dir=\"ltr\">The schools of the consortium"))
        #expect(files["alpha-academy/code-of-conduct/index.html"]?.contains("<strong>Anti-Bullying Week 2026: 16 to 20 November 2026</strong>") == true)
    }

    @Test func onlyAnOutOfDateTranslationSaysSoAndLinksToTheEnglish() throws {
        let files = try pages()
        let notice = "<a href=\"../../code-of-conduct/\" hreflang=\"en-GB\">"
        #expect(files["alpha-academy/ur/code-of-conduct/index.html"]?.contains(notice) == true)
        #expect(files["alpha-academy/pl/code-of-conduct/index.html"]?.contains(notice) == false)
        #expect(files["alpha-academy/pl/code-of-conduct/index.html"]?.contains("Przeczytaj wersję angielską") == false)
    }

    @Test func theLanguageListNamesEachLanguageInItself() throws {
        let files = try pages()
        let polishLetter = try #require(files["alpha-academy/pl/letter/index.html"])
        #expect(polishLetter.contains("<li><a href=\"../../letter/\" lang=\"en-GB\" hreflang=\"en-GB\">English</a></li>\n"
                                      + "<li><a href=\"../../pl/letter/\" lang=\"pl\" hreflang=\"pl\" aria-current=\"page\">Polski</a></li>"))
        #expect(!polishLetter.contains("lang=\"ur\""))
        let home = try #require(files["alpha-academy/index.html"])
        #expect(home.contains("<a href=\"ur/code-of-conduct/\" lang=\"ur\" hreflang=\"ur\">اردو</a>"))
        // Without translations there is no list.
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try renderedFiles(of: fixture).values.allSatisfy { !$0.contains("class=\"languages\"") })
    }

    @Test func everyPageCarriesLinkPreviewTags() throws {
        for (path, page) in try pages() where path.hasSuffix(".html") {
            for tag in ["<meta property=\"og:type\" content=\"website\">", "<meta name=\"twitter:card\" content=\"summary\">",
                        "<meta property=\"og:title\" content=\"", "<meta property=\"og:description\" content=\"",
                        "<meta property=\"og:site_name\" content=\"", "<meta property=\"og:locale\" content=\""] {
                #expect(page.contains(tag), "\(path) has no \(tag)")
            }
            // og:url is the canonical address, on every page that has one.
            let canonical = page.firstMatch(of: /<link rel="canonical" href="([^"]+)">/)?.output.1
            let url = page.firstMatch(of: /<meta property="og:url" content="([^"]+)">/)?.output.1
            #expect(canonical == url, "\(path)")
        }
    }

    @Test func previewTagsNameTheSchoolAndThePagesLocales() throws {
        let page = try #require(try pages()["alpha-academy/pl/code-of-conduct/index.html"])
        #expect(page.contains("<meta property=\"og:site_name\" content=\"Alpha Academy\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"Kodeks postępowania w mediach społecznościowych – Alpha Academy\">"))
        #expect(page.contains("<meta property=\"og:locale\" content=\"pl_PL\">\n<meta property=\"og:locale:alternate\" content=\"en_GB\">\n"
                              + "<meta property=\"og:locale:alternate\" content=\"ur_PK\">"))
        let index = try #require(try pages()["index.html"])
        #expect(index.contains("<meta property=\"og:site_name\" content=\"Test Association of Headteachers\">"))
        #expect(!index.contains("og:url"))
        #expect(index.contains("<meta property=\"og:locale\" content=\"en_GB\">"))
    }
}
