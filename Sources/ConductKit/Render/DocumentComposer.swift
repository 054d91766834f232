import Markdown

/// Places a school's sections into a shared document and gives every heading its id.
///
/// `after: id` goes after the whole section that heading starts (up to the next
/// heading of the same or a higher level); `before: id` goes just before the heading;
/// `replace: id` keeps the heading, so links to it still work, and swaps its body.
enum DocumentComposer {
    struct Composed {
        var html: String
        var headings: [(heading: Heading, id: String)]
        /// Each block as plain text, headings included, in page order.
        var text: [PlainText]
    }

    private enum Item {
        case heading(Heading, id: String?)
        case content(html: String, text: PlainText)
    }

    /// - Parameter headingText: a school heading's text with the school's values in,
    ///   so that `## About {{school.short_name}}` gets the id `about-alpha`. Shared
    ///   headings keep ids made from their source text, the same for every school.
    /// - Parameter sectionLanguage: the language of the school's sections when the
    ///   document is in another (a translation): each section is then marked with it.
    static func compose(_ document: SharedDocument, sections: [Section], headingText: (String) -> String,
                        sectionLanguage: String? = nil) -> Composed {
        let shared = Array(zip(document.body.headings, document.headingIDs))
        var items: [Item] = []
        var headingIndex = 0
        for block in document.body.blocks {
            switch block {
            case .heading(let heading):
                items.append(.heading(heading, id: shared[headingIndex].1))
                headingIndex += 1
            case .content(let html, let text, _):
                items.append(.content(html: html, text: text))
            }
        }

        var insertions: [Int: [Item]] = [:]
        var replacements: [Int: [Item]] = [:]
        for section in sections where section.document == document.kind {
            guard let start = items.firstIndex(where: { item in
                if case .heading(_, let id) = item { return id == section.placement.target }
                return false
            }) else { continue }
            var material = section.body.blocks.map { block -> Item in
                switch block {
                case .heading(let heading): .heading(heading, id: nil)
                case .content(let html, let text, _): .content(html: html, text: text)
                }
            }
            if let sectionLanguage {
                material = [.content(html: "<div lang=\"\(sectionLanguage)\" dir=\"ltr\">\n", text: PlainText([]))] + material
                    + [.content(html: "</div>\n", text: PlainText([]))]
            }
            switch section.placement {
            case .before:
                insertions[start, default: []] += material
            case .after:
                insertions[end(ofSectionAt: start, in: items), default: []] += material
            case .replace:
                replacements[start] = material
            }
        }

        var composed: [Item] = []
        var index = 0
        while index <= items.count {
            composed += insertions[index] ?? []
            guard index < items.count else { break }
            composed.append(items[index])
            if let replacement = replacements[index] {
                composed += replacement
                let end = end(ofSectionAt: index, in: items)
                // Anything placed inside the replaced part still appears, after the replacement.
                for skipped in (index + 1)..<max(end, index + 1) { composed += insertions[skipped] ?? [] }
                index = end
                continue
            }
            index += 1
        }
        return assignIDs(composed, reserved: document.headingIDs, headingText: headingText)
    }

    /// The index just past the section that the heading at `start` opens.
    private static func end(ofSectionAt start: Int, in items: [Item]) -> Int {
        guard case .heading(let opening, _) = items[start] else { return start + 1 }
        var index = start + 1
        while index < items.count {
            if case .heading(let heading, _) = items[index], heading.level <= opening.level { return index }
            index += 1
        }
        return items.count
    }

    /// Shared headings keep their ids; a school's headings get fresh ones that clash
    /// with no shared heading and no id of the page itself.
    private static func assignIDs(_ items: [Item], reserved: [String], headingText: (String) -> String) -> Composed {
        var ids = HeadingIDs()
        (SiteValidator.pageIDs + reserved).forEach { ids.reserve($0) }
        var html = ""
        var headings: [(Heading, String)] = []
        var text: [PlainText] = []
        for item in items {
            switch item {
            case .heading(let heading, let id):
                let id = id ?? ids.unique(for: headingText(heading.text))
                headings.append((heading, id))
                html += heading.html(id: id)
                text.append(PlainText([.text(heading.text)]))
            case .content(let content, let plain):
                html += content
                text.append(plain)
            }
        }
        return Composed(html: html, headings: headings, text: text)
    }
}
