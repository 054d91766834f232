@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// Sections and pages far longer than any real one, sized so that work growing with
/// the square of the input would take minutes, where work in proportion to it takes
/// a moment. No timings are asserted; `scripts/bench-growth` measures them.
@Suite struct LongInputTests {
    private static let name = "{{school.name}}"

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func twentyThousandVariablesOnOneLineAreFoundWithTheirColumns() {
        let scan = VariableScanner.uses(in: String(repeating: Self.name, count: 20_000), firstLine: 3)
        #expect(scan.uses.count == 20_000)
        #expect(scan.unclosed.isEmpty)
        #expect(scan.uses.allSatisfy { $0.name == "school.name" && $0.line == 3 && !$0.standsAlone })
        #expect(scan.uses.last?.column == 1 + 19_999 * Self.name.count)
    }

    @Test func namesAreTrimmedOfWhatFoundationCallsWhitespaces() {
        for text in [" \t\u{A0}\u{2003}school.name\u{3000} ", "school.name\n", "\nschool.name", " \t ", "", "a b"] {
            #expect(text.trimmingSpacesAndTabs == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func twentyThousandUnclosedOpeningsAreFoundInOnePass() {
        let scan = VariableScanner.uses(in: "é " + String(repeating: "{{ ", count: 20_000), firstLine: 1)
        #expect(scan.uses.isEmpty)
        #expect(scan.unclosed.map(\.column) == [3])
    }

    @Test func aSectionWithTwentyThousandValuesOnOneLineIsBuilt() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("---\nafter: what-we-ask\n---\n" + String(repeating: Self.name + " ", count: 20_000) + "\n",
                          to: "Schools/alpha-academy/sections/d-names.md")
        #expect(diagnostics(of: fixture) == [])
        let files = try renderedFiles(of: fixture, schools: ["alpha-academy"])
        let code = try #require(files["alpha-academy/code-of-conduct/index.html"])
        #expect(occurrences(of: "Alpha Academy Alpha Academy", in: code) >= 10_000)
        #expect(!code.contains(Self.name))
    }

    /// Each nesting used to cost a level of recursion in the plain-text writer, which
    /// every parse runs: the build and the reading figures of `conduct check` crashed.
    /// The build refuses such depth with a located error; `conduct check` measures the
    /// reading level of the sources as they are, so it must get through the file.
    @Test func aSectionOfFiftyThousandNestedQuotesIsRefusedAndStillMeasured() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("---\nafter: what-we-ask\n---\n" + String(repeating: "> ", count: 50_000) + "Deep words.\n",
                          to: "Schools/alpha-academy/sections/d-quotes.md")
        #expect(diagnostics(of: fixture).map { $0.prefix { $0 != "\n" } } == [
            "Schools/alpha-academy/sections/d-quotes.md:4:65: error: block quotes and lists are nested more than 32 levels deep here",
        ])
        let level = ReadingLevel.measure(root: fixture.root, schools: ["alpha-academy"])
            .first { $0.path.hasSuffix("d-quotes.md") }
        #expect(level?.words == 2 && level?.sentences == 1)
    }

    /// Braces escaped in Markdown pass the variable check but reach the HTML as `{{`,
    /// none of them closed until the very end.
    @Test func twentyThousandEscapedOpeningsReachThePageAsWritten() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("---\nafter: what-we-ask\n---\n" + String(repeating: "\\{\\{ ", count: 20_000) + "}}\n",
                          to: "Schools/alpha-academy/sections/d-braces.md")
        #expect(diagnostics(of: fixture) == [])
        let code = try #require(try renderedFiles(of: fixture, schools: ["alpha-academy"])["alpha-academy/code-of-conduct/index.html"])
        #expect(code.contains("<p>" + String(repeating: "{{ ", count: 20_000) + "}}</p>"))
    }

    @Test func aLineOfTwentyThousandValuesHasItsWordsCounted() {
        let level = ReadingLevel(path: "section.md", markdown: String(repeating: "word " + Self.name + " ", count: 20_000))
        #expect(level.words == 20_000)
        #expect(level.sentences == 1)
    }

    /// 100,000 headings, each linked from a list of contents, on the check fixture's
    /// home page; the links and ids of the first half stand on one line. One link is
    /// broken, and only that one is reported.
    @Test func aPageWithAHundredThousandHeadingsAndLinksIsChecked() throws {
        var site = try CheckFixture.site()
        let index = try #require(site.files.firstIndex { $0.path == "gamma-school/index.html" })
        let count = 100_000
        let links = (0..<count).map { "<a href=\"#p\($0 == 12_345 ? count : $0)\">\($0)</a>" }
        let headings = (0..<count).map { "<h2 id=\"p\($0)\">\($0)</h2>" }
        let half = count / 2
        let extra = links[..<half].joined() + headings[..<half].joined() + "\n"
            + (links[half...] + headings[half...]).joined(separator: "\n") + "\n</main>"
        let page = String(decoding: site.files[index].contents, as: UTF8.self)
        site.files[index] = OutputFile(path: site.files[index].path,
                                       contents: Data(page.replacingOccurrences(of: "</main>", with: extra).utf8))
        let check = SiteChecker.check(site)
        #expect(check.diagnostics.map(\.reason) == [.fragmentMissing("p\(count)", page: "gamma-school/index.html",
                                                                     known: ["main"] + (0..<count).map { "p\($0)" })])
        // On the long line, in the broken link, at its `href`.
        let before = try #require(page.components(separatedBy: "</main>").first)
        let lineStart = before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0
        #expect(check.diagnostics.first?.location == SourceLocation(
            path: "gamma-school/index.html", line: before.filter { $0 == "\n" }.count + 1,
            column: lineStart + links[..<12_345].map(\.count).reduce(0, +) + 4))
    }
}
