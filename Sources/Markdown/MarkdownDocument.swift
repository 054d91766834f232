/// A parsed Markdown document as a list of top-level blocks, each already rendered.
public struct MarkdownDocument: Equatable, Sendable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    public var headings: [Heading] {
        blocks.compactMap { block in
            if case .heading(let heading) = block { return heading }
            return nil
        }
    }
}

public enum Block: Equatable, Sendable {
    case heading(Heading)
    /// Any other block (paragraph, list, quote, code, rule) as cmark rendered it, and
    /// as plain text.
    case content(html: String, text: PlainText, line: Int)
}

public struct Heading: Equatable, Sendable {
    public var level: Int
    /// What a reader sees, with smart punctuation applied; ids are made from it.
    public var text: String
    /// cmark's HTML for the heading's inline content (emphasis, code, links).
    public var innerHTML: String
    public var line: Int
    public var column: Int

    public init(level: Int, text: String, innerHTML: String, line: Int, column: Int) {
        self.level = level
        self.text = text
        self.innerHTML = innerHTML
        self.line = line
        self.column = column
    }

    /// The heading element with its anchor.
    public func html(id: String) -> String {
        "<h\(level) id=\"\(id)\">\(innerHTML)</h\(level)>\n"
    }
}
