/// A two-level table of contents (level-2 headings with their level-3 headings),
/// built from the headings the parser found rather than by searching the HTML.
public struct TableOfContents: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var id: String
        /// The heading's plain text, HTML-escaped: a heading's own links or emphasis
        /// do not belong inside the contents link.
        public var textHTML: String
        public var children: [Entry]
    }

    public var entries: [Entry]

    /// - Parameter headings: headings in page order with the ids they were given.
    public init(headings: [(heading: Heading, id: String)]) {
        var entries: [Entry] = []
        for (heading, id) in headings {
            let entry = Entry(id: id, textHTML: HTML.escape(heading.text), children: [])
            switch heading.level {
            case 2:
                entries.append(entry)
            case 3 where !entries.isEmpty:
                entries[entries.count - 1].children.append(entry)
            default:
                continue
            }
        }
        self.entries = entries
    }
}
