/// How deeply Markdown nests block quotes and lists, estimated from the text before
/// cmark reads it. The site's pages need a few levels; thousands would make reading
/// the document (one call on the stack for each level) crash or take minutes.
enum MarkdownNesting {
    static let maximumDepth = 32

    /// The line and column of the first container nested more than `maximumDepth`
    /// deep: each `>` and list marker at the start of a line counts one level, and
    /// each two columns of indentation before the first of them one more (nested
    /// lists are written indented). Fenced code is skipped.
    static func firstTooDeep(in text: String, firstLine: Int) -> (line: Int, column: Int)? {
        var fence: Substring?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line)
            var position = 0, column = 0
            while position < characters.count, characters[position] == " " || characters[position] == "\t" {
                column += characters[position] == "\t" ? 4 - column % 4 : 1
                position += 1
            }
            let rest = line.dropFirst(position)
            if let open = fence {
                if rest.hasPrefix(open) { fence = nil }
                continue
            }
            if rest.hasPrefix("```") || rest.hasPrefix("~~~") {
                fence = rest.prefix(3)
                continue
            }
            var depth = 0
            let indentation = column
            while position < characters.count {
                guard let length = markerLength(characters, at: position) else { break }
                if depth == 0 { depth = indentation / 2 }
                depth += 1
                if depth > maximumDepth { return (firstLine + index, position + 1) }
                position += length
                while position < characters.count, characters[position] == " " || characters[position] == "\t" { position += 1 }
            }
        }
        return nil
    }

    /// The length of a block quote marker or a list marker at `position`, or nil.
    private static func markerLength(_ characters: [Character], at position: Int) -> Int? {
        let character = characters[position]
        let next = position + 1 < characters.count ? characters[position + 1] : " "
        if character == ">" { return 1 }
        if "-*+".contains(character), next == " " || next == "\t" { return 1 }
        var end = position
        while end < characters.count, end - position < 9, characters[end].isASCII, characters[end].isNumber { end += 1 }
        guard end > position, end < characters.count, characters[end] == "." || characters[end] == ")" else { return nil }
        let after = end + 1 < characters.count ? characters[end + 1] : " "
        return after == " " || after == "\t" ? end + 1 - position : nil
    }
}
