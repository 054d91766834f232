import ConductKit
import Foundation
import Markdown
@testable import PreviewServer
import Testing

/// Edits rebuild the school and reload open pages; mistakes show over the pages and
/// never stop the server.
@Suite struct PreviewReloadTests {
    static let section = "Schools/alpha-academy/sections/c-contact.md"

    @Test func anEditReloadsOpenPagesWithTheNewContent() async throws {
        let harness = try await PreviewHarness()
        let events = try await harness.openEvents(for: "/code-of-conduct/")
        try harness.fixture.write("---\nreplace: contact-your-school\n---\nPhone the front desk of {{school.name}}.\n",
                                  to: Self.section)
        let version = try #require(try await events.nextReload(), "no reload event within the wait")
        let page = try await harness.get("/code-of-conduct/")
        #expect(page.text.contains("Phone the front desk of Alpha Academy."))
        #expect(harness.version(of: page) == version)
        // The reload goes out before the build is reported.
        try await harness.waitForBuilds(2)
        #expect(harness.builds.last?.changedFiles == [Self.section])
        #expect(!FileManager.default.fileExists(atPath: harness.fixture.url("Output").path))
        try await harness.stop()
    }

    @Test func aMistakeShowsEveryProblemOnEveryPageUntilItIsFixed() async throws {
        // Two files change at each step: a quiet period long enough that a busy machine
        // pausing this test between them cannot make the first reload show half of it.
        let harness = try await PreviewHarness(quietPeriod: .milliseconds(300))
        let events = try await harness.openEvents()
        let schoolFile = "Schools/alpha-academy/school.yml"
        let good = try harness.fixture.read(schoolFile)
        try harness.fixture.write(good + "nmae: Alpha\n<b>bold</b>: yes\n", to: schoolFile)
        try harness.fixture.write("---\nafter: no-such-heading\n---\nText.\n", to: "Schools/alpha-academy/sections/d-new.md")
        #expect(try await events.nextReload() != nil)
        // The overlay lists exactly what `conduct build` would print, escaped.
        let diagnostics: [Diagnostic]
        do {
            _ = try Pipeline.render(root: harness.fixture.root, schools: [PreviewHarness.school], asOf: Date(), includeDrafts: true)
            Issue.record("the site should be invalid")
            return
        } catch {
            guard case .invalidSite(let found) = error else { Issue.record("\(error)"); return }
            diagnostics = found.sortedByLocation()
        }
        #expect(diagnostics.count >= 3)
        for target in ["/", "/letter/", "/no-such-page"] {
            let page = try await harness.get(target)
            #expect(page.text.contains(#"<div id="conduct-preview-errors" role="alert""#), "\(target)")
            #expect(page.text.contains("\(diagnostics.count) errors in the site's files"))
            for diagnostic in diagnostics {
                #expect(page.text.contains(HTML.escape(diagnostic.description)))
            }
            #expect(page.text.contains("Schools/alpha-academy/school.yml:12:1: error: unknown key &#39;nmae&#39;"))
            #expect(page.text.contains("unknown key &#39;&lt;b&gt;bold&lt;/b&gt;&#39;"))
            #expect(!page.text.contains("<b>bold</b>"))
            #expect(page.text.contains("new EventSource("))
        }
        try await harness.waitForBuilds(2)
        #expect(harness.builds.last?.problems == diagnostics)

        try harness.fixture.write(good, to: schoolFile)
        try FileManager.default.removeItem(at: harness.fixture.url("Schools/alpha-academy/sections/d-new.md"))
        #expect(try await events.nextReload() != nil)
        let page = try await harness.get("/")
        #expect(page.status == 200)
        #expect(!page.text.contains("conduct-preview-errors"))
        #expect(page.text.contains("<h1>Social Media Code of Conduct</h1>"))
        try await harness.stop()
    }

    @Test func startingWithAMistakeServesTheProblemsUntilTheFirstGoodBuild() async throws {
        let harness = try await PreviewHarness { fixture in
            try fixture.write("slug: alpha-academy\nname: [unclosed\n", to: "Schools/alpha-academy/school.yml")
        }
        let broken = try await harness.get("/anything")
        #expect(broken.status == 500)
        #expect(broken.text.contains("conduct-preview-errors"))
        #expect(broken.text.contains("Schools/alpha-academy/school.yml:"))
        let events = try await EventStream(port: harness.port, version: harness.version(of: broken))
        try harness.fixture.write("slug: alpha-academy\nname: Alpha Academy\ntown: Widnes\nwebsite: https://www.alpha.example.sch.uk/\n"
                                      + "logo: logo.svg\n",
                                  to: "Schools/alpha-academy/school.yml")
        #expect(try await events.nextReload() != nil)
        let page = try await harness.get("/")
        #expect(page.status == 200)
        #expect(!page.text.contains("conduct-preview-errors"))
        try await harness.stop()
    }

    @Test func changesOutsideTheSchoolsFilesDoNotRebuild() async throws {
        let harness = try await PreviewHarness()
        let events = try await harness.openEvents()
        try harness.fixture.write("slug: beta-college\nname: Beta\n", to: "Schools/beta-college/school.yml")
        try harness.fixture.write("<p>built elsewhere</p>", to: "Output/alpha-academy/index.html")
        try harness.fixture.write("notes", to: "notes.txt")
        try harness.fixture.write("swap", to: "Schools/alpha-academy/sections/.c-contact.md.swp")
        try await Task.sleep(for: .milliseconds(500))
        #expect(harness.builds.count == 1)
        #expect(events.reloads.isEmpty)

        try harness.fixture.write("---\nreplace: contact-your-school\n---\nCall us.\n", to: Self.section)
        #expect(try await events.nextReload() != nil)
        try await harness.waitForBuilds(2)
        #expect(harness.builds.count == 2)
        try await harness.stop()
    }

    @Test func aBurstOfSavesIsOneRebuild() async throws {
        // A longer quiet period than the default, so that a busy test machine pausing
        // this test between two saves cannot split the burst.
        let harness = try await PreviewHarness(quietPeriod: .milliseconds(300))
        let events = try await harness.openEvents()
        // Five saves in a row, as "save all" in an editor makes them.
        for number in 1...5 {
            try harness.fixture.write("---\nafter: contact-your-school\n---\n## Note \(number)\n\nText.\n",
                                      to: "Schools/alpha-academy/sections/e-note-\(number).md")
        }
        try await harness.waitForBuilds(2, settle: .milliseconds(600))
        #expect(harness.builds.count == 2)
        #expect(harness.builds.last?.changedFiles.count == 5)
        #expect(try await events.nextReload() != nil)
        #expect(events.reloads.count == 1)
        try await harness.stop()
    }

    @Test func savingWithoutChangingAnythingRebuildsButDoesNotReload() async throws {
        let harness = try await PreviewHarness()
        let events = try await harness.openEvents()
        try harness.fixture.write(try harness.fixture.read(Self.section), to: Self.section)
        try await harness.waitForBuilds(2, settle: .milliseconds(200))
        #expect(harness.builds.last?.reloads == false)
        #expect(events.reloads.isEmpty)
        try await harness.stop()
    }

    @Test func aPageThatMissedAChangeReloadsAsSoonAsItConnects() async throws {
        let harness = try await PreviewHarness()
        let events = try await EventStream(port: harness.port, version: "an-older-version")
        #expect(try await events.nextReload(within: .seconds(2)) != nil)
        try await harness.stop()
    }

    @Test func aFolderAddedToTheSchoolIsWatchedToo() async throws {
        let harness = try await PreviewHarness()
        let events = try await harness.openEvents()
        try FileManager.default.createDirectory(at: harness.fixture.url("Schools/alpha-academy/templates/partials"),
                                                withIntermediateDirectories: true)
        try await harness.waitForBuilds(2, settle: .milliseconds(100))
        let footer = try harness.fixture.read("Templates/partials/footer.mustache")
        try harness.fixture.write(footer.replacingOccurrences(of: "</footer>", with: "<p>Alpha's own footer</p>\n</footer>"),
                                  to: "Schools/alpha-academy/templates/partials/footer.mustache")
        #expect(try await events.nextReload() != nil)
        #expect(try await harness.get("/").text.contains("Alpha's own footer"))
        try await harness.stop()
    }
}
