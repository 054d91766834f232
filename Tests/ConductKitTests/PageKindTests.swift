@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// Pages, navigation, sitemap, page count and bundle all follow the one table of page
/// kinds, `PageKind.all`.
@Suite struct PageKindTests {
    @Test func everySchoolHasAPageOfEveryKindAtItsPath() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture)
        for kind in PageKind.all {
            #expect(files["beta-college/\(kind.path)"]?.contains("<title>") == true, "no page for \(kind.id)")
        }
        #expect(PageKind.all.map(\.path) == ["index.html", "code-of-conduct/index.html", "letter/index.html", "404.html"])
    }

    @Test func thePageCountIsThatOfThePagesMade() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let site = try #require(SiteValidator.validate(SiteLoader.load(root: fixture.root)).site)
        for published in [site, site.published(at: LondonTime.instant(parsing: "2020-01-01T00:00")!, includingDrafts: false)] {
            let renderer = SiteRenderer(published)
            #expect(renderer.pageCount == renderer.render().filter { $0.path.hasSuffix(".html") }.count)
        }
    }

    @Test func theNavigationAndSitemapFollowTheTable() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture)
        let home = try #require(files["beta-college/index.html"])
        let labels = ["Home", "The Code", "Letter to parents and carers"]
        let positions = try labels.map { label in try #require(home.range(of: ">\(label)</a></li>")).lowerBound }
        #expect(positions == positions.sorted(), "the navigation lists the pages in the table's order")
        let sitemap = try #require(files["beta-college/sitemap.xml"])
        let addresses = sitemap.split(separator: "\n").filter { $0.contains("<loc>") }
        #expect(addresses.count == PageKind.all.filter(\.inSitemap).count)
        #expect(!sitemap.contains("404"))
    }

    @Test func noHeadingTakesAnIdThatATemplateWrites() {
        for id in ["main", "contents", "policy-details", "expectations-heading", "schools-heading", "in-brief",
                   PageContext.sourcesID] {
            #expect(SiteValidator.pageIDs.contains(id), "\(id) is not reserved")
        }
    }

    @Test func theBundleHoldsTheFilesOfEachPageKind() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let site = try #require(SiteValidator.validate(SiteLoader.load(root: fixture.root)).site)
        let school = try #require(site.schools.first)
        let bundle = try #require(BundleRenderer.render(school, with: SiteRenderer(site), version: "1.0"))
        #expect(bundle.map(\.path) == PageKind.all.flatMap { $0.bundleFiles.map(\.name) } + ["README.txt"])
        #expect(bundle.map(\.path) == ["embed.html", "letter.txt", "letter-print.html", "README.txt"])
        let readme = String(decoding: try #require(bundle.last).contents, as: UTF8.self)
        for file in PageKind.all.flatMap(\.bundleFiles) {
            #expect(readme.contains("\n\(file.name)\n    "), "the README does not describe \(file.name)")
        }
    }

    @Test func sectionsTargetTheDocumentsTheTableAllows() {
        #expect(PageKind.documents(checked: .sectionTargets) == [.codeOfConduct, .letter])
        #expect(PageKind.documents(checked: .readingLevel) == [.codeOfConduct, .letter])
    }
}
