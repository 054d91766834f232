@testable import Markdown
import Testing

/// Inputs that nest or repeat far beyond any real section, sized so that work growing
/// with the square of the input (or a recursion per level) would take minutes or
/// overflow the stack, where work in proportion to the input takes a moment.
@Suite struct HostileInputTests {
    private func plainText(_ source: String) -> String {
        CommonMark.parse(source).blocks.map { block in
            switch block {
            case .heading(let heading): heading.text
            case .content(_, let text, _): text.rendered()
            }
        }.joined(separator: "\n\n")
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func fiftyThousandNestedQuotesAreWrittenWithoutRecursion() throws {
        let document = CommonMark.parse(String(repeating: "> ", count: 50_000) + "deep\n")
        guard case .content(let html, let text, let line) = try #require(document.blocks.first) else {
            Issue.record("a quote is not a heading")
            return
        }
        #expect(document.blocks.count == 1 && line == 1)
        #expect(occurrences(of: "<blockquote>", in: html) == 50_000)
        #expect(text.rendered() == String(repeating: "> ", count: 50_000) + "deep")
    }

    @Test func thirtyThousandNestedListsAreWrittenWithoutRecursion() throws {
        let document = CommonMark.parse(String(repeating: "- ", count: 30_000) + "deep\n")
        guard case .content(let html, let text, _) = try #require(document.blocks.first) else {
            Issue.record("a list is not a heading")
            return
        }
        #expect(occurrences(of: "<ul>", in: html) == 30_000)
        #expect(text.rendered() == String(repeating: "- ", count: 30_000) + "deep")
    }

    @Test func aListIndentedTwoThousandLevelsDeepIsIndentedUpToTheDeepestIndent() {
        let depth = 2_000
        let source = (0..<depth).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        let lines = plainText(source).split(separator: "\n")
        #expect(lines.count == depth)
        for (level, line) in lines.enumerated() {
            let indent = String(repeating: "  ", count: min(level, PlainTextWriter.deepestIndent))
            guard line != indent + "- item \(level)" else { continue }
            Issue.record("line \(level) is \(line.prefix(80))…")
            break
        }
    }

    @Test func linesUnderFiftyThousandQuotesCarryTheDeepestIndentOnly() {
        let quotes = String(repeating: "> ", count: 50_000)
        // A hard break, then a second paragraph in the same, deepest, quote.
        let source = quotes + "first\\\nsecond\n" + quotes + "\n" + quotes + "third\n"
        let indent = String(repeating: "> ", count: PlainTextWriter.deepestIndent)
        #expect(plainText(source).split(separator: "\n", omittingEmptySubsequences: false) == [
            Substring(quotes + "first"),
            Substring(indent + "second"),
            // The blank line between the paragraphs, without its trailing space.
            Substring(indent.dropLast()),
            Substring(indent + "third"),
        ])
    }

    @Test func fiftyThousandNestedEmphasesKeepTheirWords() {
        let words = String(repeating: "a ", count: 50_000) + "b" + String(repeating: " a", count: 50_000)
        let source = String(repeating: "*a ", count: 50_000) + "b" + String(repeating: " a*", count: 50_000)
        #expect(plainText(source) == words)
    }

    @Test func tenThousandHeadingsWithTheSameTextGetNumberedIdsAndContents() {
        let document = CommonMark.parse(String(repeating: "## Contact\n\n### Details\n\n", count: 10_000))
        var ids = HeadingIDs()
        let headings = document.headings.map { ($0, ids.unique(for: $0.text)) }
        #expect(headings.count == 20_000)
        #expect(Set(headings.map(\.1)).count == 20_000)
        #expect(headings.suffix(2).map(\.1) == ["contact-10000", "details-10000"])
        let contents = TableOfContents(headings: headings)
        #expect(contents.entries.count == 10_000)
        #expect(contents.entries.allSatisfy { $0.children.count == 1 })
    }

    @Test func headingsThatTakeEachOthersNumbersStillGetUniqueIds() {
        var ids = HeadingIDs()
        let numbered = (2...10_000).map { ids.unique(for: "Contact \($0)") }
        let plain = (1...10_000).map { _ in ids.unique(for: "Contact") }
        #expect(numbered.first == "contact-2" && plain.first == "contact")
        #expect(plain.last == "contact-19999")
        #expect(Set(numbered + plain).count == numbered.count + plain.count)
    }
}
