/// Finds `open … }}` tags line by line, with 1-based positions, for the checks of
/// Markdown variables (`{{name}}`) and template partials (`{{> name}}`).
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
        var tags: [Tag] = []
        var unclosed: [(Int, Int)] = []
        for (index, line) in lines.enumerated() {
            var rest = line[...]
            while let start = rest.range(of: open) {
                let column = line.distance(from: line.startIndex, to: start.lowerBound) + 1
                guard let close = rest[start.upperBound...].range(of: "}}") else {
                    unclosed.append((index, column))
                    break
                }
                let name = rest[start.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                tags.append(Tag(name: name, lineIndex: index, column: column))
                rest = rest[close.upperBound...]
            }
        }
        return (tags, unclosed)
    }
}
