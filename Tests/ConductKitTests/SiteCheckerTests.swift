@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// `Tests/Fixtures/check/base/` is a small built site written by hand (one school,
/// gamma-school, and the consortium's page) that checks clean. Each folder of
/// `Tests/Fixtures/check/cases/` plants faults in it: its files replace the base's,
/// `remove.txt` lists files to delete, and `expected.txt` holds the exact diagnostics.
enum CheckFixture {
    static let folder = FixtureSite.fixtures.appendingPathComponent("check")

    static var cases: [String] {
        let cases = folder.appendingPathComponent("cases").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: cases)) ?? []).sorted()
    }

    static func site(case name: String? = nil) throws -> BuiltSite {
        var files = Dictionary(uniqueKeysWithValues: try BuiltSite.read(folder: folder.appendingPathComponent("base"))
            .files.map { ($0.path, $0) })
        if let name {
            let overlay = folder.appendingPathComponent("cases/\(name)")
            let enumerator = FileManager.default.enumerator(atPath: overlay.path)
            while let path = enumerator?.nextObject() as? String {
                let url = overlay.appendingPathComponent(path)
                guard !url.hasDirectoryPath, path != "expected.txt", path != "remove.txt",
                      let contents = FileManager.default.contents(atPath: url.path) else { continue }
                files[path] = OutputFile(path: path, contents: contents)
            }
            let removals = (try? String(contentsOf: overlay.appendingPathComponent("remove.txt"), encoding: .utf8)) ?? ""
            for path in removals.split(separator: "\n") {
                #expect(files.removeValue(forKey: String(path)) != nil, "remove.txt names a file the base lacks: \(path)")
            }
        }
        return BuiltSite(files: files.values.sorted { $0.path < $1.path })
    }

    static func expected(case name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("cases/\(name)/expected.txt"), encoding: .utf8)
    }
}

@Suite struct SiteCheckerTests {
    @Test func theHandWrittenSiteChecksClean() throws {
        let check = SiteChecker.check(try CheckFixture.site(), locationPrefix: "Output/")
        #expect(check.diagnostics.map(\.description) == [])
        #expect(check.pages == 5)
        #expect(check.schools == ["gamma-school"])
        #expect(check.passed)
    }

    @Test(arguments: CheckFixture.cases)
    func reportsEachPlantedFaultOnceWhereItIs(case name: String) throws {
        let check = SiteChecker.check(try CheckFixture.site(case: name), locationPrefix: "Output/")
        let text = check.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        #expect(text == (try CheckFixture.expected(case: name)))
        #expect(!check.passed)
    }

    @Test func everyCaseIsRun() {
        #expect(CheckFixture.cases.count >= 9)
    }

    @Test func measuresEachSchoolsColoursFromTheBuiltFiles() throws {
        let check = SiteChecker.check(try CheckFixture.site())
        let gamma = check.contrast.filter { $0.school == "gamma-school" }
        #expect(gamma.map(\.use) == ColourUse.all)
        let header = try #require(gamma.first)
        #expect(header.foreground == "#ffffff" && header.background == "#2b5d34")
        #expect(abs(header.ratio - 7.73) < 0.01)
        // The page's own <style> sets the brand colour; the first page in path order is named.
        #expect(header.location == SourceLocation(path: "gamma-school/404.html", line: 7, column: 16))
        // Neither the commented-out rule nor the print rule counts.
        let text = try #require(gamma.first { $0.use.foreground == "--text" })
        #expect(text.foreground == "#1b1b1b")
        #expect(text.location == SourceLocation(path: "gamma-school/assets/site.css", line: 5, column: 3))
        #expect(gamma.first { $0.use.foreground == "--link" }?.foreground == "#0b4f8a")
        #expect(check.contrast.filter { $0.school == nil }.first?.background == "#1f4e79")
        #expect(check.contrast.allSatisfy { $0.passes })
    }

    @Test func aLowBrandColourIsMeasuredBesideTheSchoolsOtherColour() throws {
        let check = SiteChecker.check(try CheckFixture.site(case: "low-contrast-brand"))
        let header = check.contrast.filter { $0.school == "gamma-school" && $0.use == ColourUse.all[0] }
        #expect(header.map(\.background) == ["#2b5d34", "#5c8f66"])
        #expect(header.map(\.passes) == [true, false])
    }

    @Test func theFixtureSiteChecksClean() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for instant in [ordinaryDay, LondonTime.instant(parsing: "2026-11-17T09:00")!] {
            let files = try Pipeline.render(root: fixture.root, asOf: instant).files
            let check = SiteChecker.check(BuiltSite(files: files), locationPrefix: "Output/")
            #expect(check.diagnostics.map(\.description) == [])
            #expect(check.pages == 11)
            #expect(check.schools == ["alpha-academy", "beta-college"])
            #expect(Set(check.contrast.compactMap(\.school)) == ["alpha-academy", "beta-college"])
            #expect(check.contrast.allSatisfy { $0.passes })
        }
    }

    @Test func aPageMissingFromTheFixtureSiteIsReportedAtEveryLinkToIt() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try Pipeline.render(root: fixture.root, asOf: ordinaryDay).files
            .filter { $0.path != "beta-college/letter/index.html" }
        let check = SiteChecker.check(BuiltSite(files: files))
        #expect(!check.diagnostics.isEmpty)
        for diagnostic in check.diagnostics {
            guard case .linkTargetMissing(_, let target) = diagnostic.reason else {
                Issue.record("unexpected: \(diagnostic)")
                continue
            }
            #expect(target == "beta-college/letter/index.html")
            #expect(diagnostic.location.path.hasPrefix("beta-college/"))
        }
        #expect(check.diagnostics.contains { $0.location.path == "beta-college/sitemap.xml" })
        #expect(check.diagnostics.contains { $0.location.path == "beta-college/404.html" })
    }

    @Test func checksOnlyTheSchoolsAskedFor() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try Pipeline.render(root: fixture.root, asOf: ordinaryDay).files.map { file in
            guard file.path == "beta-college/index.html" else { return file }
            return OutputFile(path: file.path, contents: Data(String(decoding: file.contents, as: UTF8.self)
                .replacingOccurrences(of: "<html lang=\"en-GB\">", with: "<html>").utf8))
        }
        let alpha = SiteChecker.check(BuiltSite(files: files), schools: ["alpha-academy"])
        #expect(alpha.diagnostics.isEmpty)
        #expect(alpha.pages == 5)
        #expect(alpha.schools == ["alpha-academy"])
        #expect(Set(alpha.contrast.map(\.school)) == ["alpha-academy"])
        let all = SiteChecker.check(BuiltSite(files: files))
        #expect(all.diagnostics.map(\.reason) == [.missingLanguage])
        #expect(all.diagnostics.first?.location == SourceLocation(path: "beta-college/index.html", line: 2, column: 1))
    }

    @Test func readsABuiltFolderAndRefusesOneWithoutPages() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let folder = fixture.url("Output")
        #expect(throws: BuiltSite.ReadFailure.missing(path: folder.path)) { try BuiltSite.read(folder: folder) }
        try fixture.write("Nothing here yet.\n", to: "Output/README.md")
        #expect(throws: BuiltSite.ReadFailure.noPages(path: folder.path)) { try BuiltSite.read(folder: folder) }

        let built = fixture.url("Built")
        _ = try await Pipeline.build(Pipeline.Request(root: fixture.root, output: built, asOf: ordinaryDay))
        let site = try BuiltSite.read(folder: built)
        #expect(site.schools == ["alpha-academy", "beta-college"])
        #expect(!site.files.contains { $0.path.hasPrefix(".") || $0.path.contains("/.") })
        #expect(SiteChecker.check(site).passed)
    }
}

@Suite struct CustomPropertiesTests {
    @Test func readsTopLevelRootRulesOnly() {
        let css = """
            /* :root { --brand: #000000; } */
            :root {
              --brand: #1F4E79;
              --font: "a;b{c}";
              --text: #123;
            }
            @media print { :root { --text: #000000; } }
            .card { --text: #ffffff; }
            :root { --link: #0b4f8a }
            """
        let properties = CustomProperties(css: css, path: "site.css")
        #expect(properties["--brand"] == .init(value: "#1F4E79", location: SourceLocation(path: "site.css", line: 3, column: 3)))
        #expect(properties["--font"]?.value == "\"a;b{c}\"")
        #expect(properties["--text"]?.value == "#123")
        #expect(properties["--link"]?.location == SourceLocation(path: "site.css", line: 9, column: 9))
        #expect(Colour(css: "#123")?.hex == "#112233")
        #expect(Colour(css: "#1F4E79")?.hex == "#1f4e79")
        #expect(Colour(css: "rgb(0, 0, 0)") == nil)
    }

    @Test func locatesDeclarationsInsideAStyleElement() {
        let properties = CustomProperties(css: ":root { --brand: #2b5d34; }", path: "a/index.html", line: 8, column: 8)
        #expect(properties["--brand"]?.location == SourceLocation(path: "a/index.html", line: 8, column: 16))
    }
}
