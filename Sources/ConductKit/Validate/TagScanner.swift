/// Finds `open … }}` tags line by line, with 1-based positions, for the checks of
/// Markdown variables (`{{name}}`) and template partials (`{{> name}}`).
///
/// One pass over each line's UTF-8, counting columns as it goes: a line of 20,000
/// tags is scanned once, not once per tag.
enum TagScanner {
    struct Tag {
        /// What stands between the delimiters, trimmed.
        var name: String
        /// 0-based index of the line within the scanned text.
        var lineIndex: Int
        var column: Int
    }

    /// Every tag, and the positions of openings that are never closed on their line.
    static func tags(in lines: [Substring], open: String) -> (tags: [Tag], unclosed: [(lineIndex: Int, column: Int)]) {
        let opening = Array(open.utf8), closing = Array("}}".utf8)
        var tags: [Tag] = []
        var unclosed: [(Int, Int)] = []
        for (index, line) in lines.enumerated() {
            let utf8 = line.utf8
            var searchFrom = utf8.startIndex
            // Columns count characters, so they are counted from the previous tag on.
            var column = 1
            var counted = line.startIndex
            while let start = firstIndex(of: opening, in: utf8, from: searchFrom) {
                column += line[counted..<start].count
                counted = start
                let nameStart = utf8.index(start, offsetBy: opening.count)
                guard let close = firstIndex(of: closing, in: utf8, from: nameStart) else {
                    unclosed.append((index, column))
                    break
                }
                let name = line[nameStart..<close].trimmingSpacesAndTabs
                tags.append(Tag(name: name, lineIndex: index, column: column))
                searchFrom = utf8.index(close, offsetBy: closing.count)
            }
        }
        return (tags, unclosed)
    }

    private static func firstIndex(of needle: [UInt8], in text: Substring.UTF8View, from start: String.Index) -> String.Index? {
        var index = start
        while index < text.endIndex {
            if text[index...].starts(with: needle) { return index }
            text.formIndex(after: &index)
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: Unicode category Zs and
    /// U+0009, the set Foundation calls `.whitespaces`. Done in Swift because
    /// Foundation's `trimmingCharacters` goes through an NSString, which took half the
    /// build of a section with 16,000 values.
    var trimmingSpacesAndTabs: String {
        let isSpace = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        guard let first = unicodeScalars.firstIndex(where: { !isSpace($0) }),
              let last = unicodeScalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
