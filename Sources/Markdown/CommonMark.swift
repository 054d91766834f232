import Foundation
import CCmark

/// Markdown in, HTML blocks and headings out, through cmark.
///
/// This file is the only place that imports the C module. Every pointer cmark hands
/// out is freed here, on the line after it is made, so callers only ever see Swift values.
public enum CommonMark {
    /// Parses `source` with cmark's safe defaults (raw HTML omitted, `javascript:` and
    /// other unsafe URLs dropped) and smart punctuation, and renders each top-level
    /// block on its own so that callers can insert, replace and label blocks.
    ///
    /// - Parameter firstLine: the line of `source`'s first line in its file, so that
    ///   locations point into the file even when front matter came before the body.
    public static func parse(_ source: String, firstLine: Int = 1) -> MarkdownDocument {
        var source = source
        // The byte count, not strlen: cmark turns a NUL byte into U+FFFD instead of
        // stopping there.
        let document = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                cmark_parse_document(text.baseAddress, text.count, parseOptions)
            }
        }
        guard let document else { return MarkdownDocument(blocks: []) }
        defer { cmark_node_free(document) }

        var blocks: [Block] = []
        var node = cmark_node_first_child(document)
        while let current = node {
            let line = Int(cmark_node_get_start_line(current)) + firstLine - 1
            let html = renderHTML(current)
            if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(current))
                blocks.append(.heading(Heading(
                    level: level,
                    text: plainText(of: current),
                    innerHTML: innerHTML(ofHeading: html, level: level),
                    line: line,
                    column: Int(cmark_node_get_start_column(current))
                )))
            } else {
                blocks.append(.content(html: html, text: PlainTextWriter.block(current), line: line))
            }
            node = cmark_node_next(current)
        }
        return MarkdownDocument(blocks: blocks)
    }

    /// Safe mode is cmark's default: CMARK_OPT_UNSAFE is deliberately never set.
    private static let parseOptions = CMARK_OPT_SMART
    private static let renderOptions = CMARK_OPT_SMART

    private static func renderHTML(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, renderOptions) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// The text a reader sees in a heading: text and code literals, breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// Writes a block's text the way a plain-text e-mail would: list items marked with
    /// "- " or "1. ", quotes with "> ", code indented, emphasis dropped.
    private enum PlainTextWriter {
        static func block(_ node: OpaquePointer) -> PlainText {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                return inlines(of: node)
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let tight = cmark_node_get_list_tight(node) != 0
                var number = Int(cmark_node_get_list_start(node))
                let items = children(of: node).map { item -> PlainText in
                    let marker = ordered ? "\(number). " : "- "
                    number += 1
                    let body = PlainText.joined(children(of: item).map(block), separator: tight ? "\n" : "\n\n")
                    return PlainText([.text(marker)]) + body.indentingFollowingLines(by: String(repeating: " ", count: marker.count))
                }
                return PlainText.joined(items, separator: tight ? "\n" : "\n\n")
            case CMARK_NODE_BLOCK_QUOTE:
                let quoted = PlainText.joined(children(of: node).map(block), separator: "\n\n")
                return PlainText([.text("> ")]) + quoted.indentingFollowingLines(by: "> ")
            case CMARK_NODE_CODE_BLOCK:
                let code = literal(of: node).trimmingCharacters(in: .newlines)
                return PlainText([.text("    ")]) + PlainText([.text(code)]).indentingFollowingLines(by: "    ")
            case CMARK_NODE_THEMATIC_BREAK:
                return PlainText([.text("* * *")])
            default:
                // Raw HTML never reaches the page in safe mode, so it has no text either.
                return PlainText([])
            }
        }

        private static func inlines(of node: OpaquePointer) -> PlainText {
            var pieces: [PlainText.Piece] = []
            for child in children(of: node) {
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    pieces.append(.text(literal(of: child)))
                case CMARK_NODE_SOFTBREAK:
                    pieces.append(.text(" "))
                case CMARK_NODE_LINEBREAK:
                    pieces.append(.text("\n"))
                case CMARK_NODE_LINK:
                    let words = inlines(of: child)
                    let address = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                    pieces += words.pieces
                    // An autolink's words are its address already.
                    if !address.isEmpty && words.rendered() != address { pieces.append(.address(address)) }
                case CMARK_NODE_HTML_INLINE:
                    break
                default:
                    // Emphasis, strong emphasis and an image's description: their words.
                    pieces += inlines(of: child).pieces
                }
            }
            return PlainText(pieces)
        }

        private static func children(of node: OpaquePointer) -> [OpaquePointer] {
            var result: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let current = child {
                result.append(current)
                child = cmark_node_next(current)
            }
            return result
        }

        private static func literal(of node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }
    }

    /// cmark renders a heading as `<hN>…</hN>\n`; keep what is between the tags so the
    /// caller can write the element again with an `id`.
    private static func innerHTML(ofHeading html: String, level: Int) -> String {
        let open = "<h\(level)>", close = "</h\(level)>\n"
        guard html.hasPrefix(open), html.hasSuffix(close) else { return html }
        return String(html.dropFirst(open.count).dropLast(close.count))
    }
}
