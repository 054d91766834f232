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
    /// - Parameter pictureWords: whether a picture's words are part of the plain text, as
    ///   an e-mail needs them; a reader of the page sees the picture instead.
    public static func parse(_ source: String, firstLine: Int = 1, pictureWords: Bool = true) -> MarkdownDocument {
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
                blocks.append(.content(html: html, text: plainText(ofBlock: current, pictureWords: pictureWords), line: line))
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

    /// The text a reader sees in a heading or a picture's words: text and code literals, breaks as spaces.
    static func plainText(of node: OpaquePointer) -> String {
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
    ///
    /// One walk with cmark's iterator, which keeps no stack of its own, so that no
    /// depth of nesting can exhaust ours.
    private static func plainText(ofBlock block: OpaquePointer, pictureWords: Bool) -> PlainText {
        guard let iterator = cmark_iter_new(block) else { return PlainText([]) }
        defer { cmark_iter_free(iterator) }
        var writer = PlainTextWriter()
        /// The words of each link being walked, to compare with its address.
        var linkWords: [String] = []
        /// The number of the next item of each list being walked.
        var itemNumbers: [Int] = []
        func write(_ text: String) {
            writer.write(text)
            if !linkWords.isEmpty { linkWords[linkWords.count - 1] += text }
        }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard event == CMARK_EVENT_ENTER else {
                switch type {
                case CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                    writer.close()
                case CMARK_NODE_LIST:
                    itemNumbers.removeLast()
                case CMARK_NODE_LINK:
                    let words = linkWords.removeLast()
                    let address = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    // An autolink's words are its address already.
                    if !address.isEmpty && words != address {
                        writer.writeAddress(address)
                        if !linkWords.isEmpty { linkWords[linkWords.count - 1] += " (\(address))" }
                    }
                default:
                    break
                }
                continue
            }
            if node != block, let parent = cmark_node_parent(node), cmark_node_previous(node) != nil {
                write(separator(before: node, in: parent))
            }
            switch type {
            case CMARK_NODE_ITEM:
                let ordered = cmark_node_parent(node).map { cmark_node_get_list_type($0) } == CMARK_ORDERED_LIST
                let marker = ordered ? "\(itemNumbers[itemNumbers.count - 1]). " : "- "
                itemNumbers[itemNumbers.count - 1] += 1
                write(marker)
                writer.open(indent: String(repeating: " ", count: marker.count))
            case CMARK_NODE_BLOCK_QUOTE:
                write("> ")
                writer.open(indent: "> ")
            case CMARK_NODE_CODE_BLOCK:
                write("    ")
                writer.open(indent: "    ")
                write(literal(of: node).trimmingCharacters(in: .newlines))
                writer.close()
            case CMARK_NODE_THEMATIC_BREAK:
                write("* * *")
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                write(literal(of: node))
            case CMARK_NODE_SOFTBREAK:
                write(" ")
            case CMARK_NODE_LINEBREAK:
                write("\n")
            case CMARK_NODE_LINK:
                linkWords.append("")
            case CMARK_NODE_LIST:
                itemNumbers.append(Int(cmark_node_get_list_start(node)))
            case CMARK_NODE_IMAGE where !pictureWords:
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            case CMARK_NODE_DOCUMENT, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING,
                 CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_IMAGE:
                // Their children carry the words (an image's are its description).
                break
            default:
                // Raw HTML never reaches the page in safe mode, so it has no text; nor
                // has anything else cmark might add.
                if cmark_node_first_child(node) != nil { cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT) }
            }
        }
        return writer.finish()
    }

    /// What stands between a block and the one before it in the same container.
    private static func separator(before node: OpaquePointer, in parent: OpaquePointer) -> String {
        switch cmark_node_get_type(parent) {
        case CMARK_NODE_LIST:
            cmark_node_get_list_tight(parent) != 0 ? "\n" : "\n\n"
        case CMARK_NODE_ITEM:
            cmark_node_parent(parent).map { cmark_node_get_list_tight($0) } != 0 ? "\n" : "\n\n"
        case CMARK_NODE_BLOCK_QUOTE:
            "\n\n"
        default:
            // Inlines run on.
            ""
        }
    }

    private static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// cmark renders a heading as `<hN>…</hN>\n`; keep what is between the tags so the
    /// caller can write the element again with an `id`.
    private static func innerHTML(ofHeading html: String, level: Int) -> String {
        let open = "<h\(level)>", close = "</h\(level)>\n"
        guard html.hasPrefix(open), html.hasSuffix(close) else { return html }
        return String(html.dropFirst(open.count).dropLast(close.count))
    }
}
