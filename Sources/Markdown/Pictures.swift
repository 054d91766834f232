import CCmark

/// A picture in Markdown, `![words](address)`.
public struct Picture: Equatable, Sendable {
    public var address: String
    /// The words between the brackets, as a reader would see them: the picture's text
    /// alternative.
    public var alt: String
    /// Where the `![` is in the file.
    public var line: Int
    public var column: Int
    /// Whether it is the first thing in a paragraph that is written as one: not in an
    /// item of a tight list, which HTML gets without its `<p>`.
    public var startsParagraph: Bool

    public init(address: String, alt: String, line: Int, column: Int, startsParagraph: Bool) {
        self.address = address
        self.alt = alt
        self.line = line
        self.column = column
        self.startsParagraph = startsParagraph
    }
}

extension CommonMark {
    /// Every picture in `source`, in order.
    ///
    /// - Parameter firstLine: the line of `source`'s first line in its file.
    public static func pictures(in source: String, firstLine: Int = 1) -> [Picture] {
        var source = source
        let document = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                cmark_parse_document(text.baseAddress, text.count, CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS)
            }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var pictures: [Picture] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_IMAGE else { continue }
            let parent = cmark_node_parent(node)
            let startsParagraph = parent.map { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH && !isInTightList($0) } == true
                && cmark_node_previous(node) == nil
            // cmark places inlines only within their block: the paragraph's line, and the
            // picture's own column when it starts the paragraph.
            let block = parent ?? node
            pictures.append(Picture(
                address: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                alt: plainText(of: node),
                line: Int(cmark_node_get_start_line(block)) + firstLine - 1,
                column: Int(cmark_node_get_start_column(block)),
                startsParagraph: startsParagraph
            ))
        }
        return pictures
    }
}

/// Whether `paragraph` is in an item of a tight list.
private func isInTightList(_ paragraph: OpaquePointer) -> Bool {
    guard let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM,
          let list = cmark_node_parent(item) else { return false }
    return cmark_node_get_list_tight(list) != 0
}
