/// How deeply Markdown nests block quotes and lists, estimated from the text before
/// cmark reads it. The site's pages need a few levels; thousands would make reading
/// the document (one call on the stack for each level) crash or take minutes.
enum MarkdownNesting {
    static let maximumDepth = 32

    /// The line and column of the first container nested more than `maximumDepth`
    /// deep: each `>` and list marker at the start of a line counts one level, and
    /// each two columns of indentation before the first of them one more (nested
    /// lists are written indented). Fenced code is skipped. Everything it looks for is
    /// ASCII at the start of a line, so it reads bytes, and columns are byte columns.
    static func firstTooDeep(in text: String, firstLine: Int) -> (line: Int, column: Int)? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var fence: [UInt8]?
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            var position = 0, column = 0
            while position < bytes.count, bytes[position] == space || bytes[position] == tab {
                column += bytes[position] == tab ? 4 - column % 4 : 1
                position += 1
            }
            let rest = bytes[position...]
            if let open = fence {
                if rest.starts(with: open) { fence = nil }
                continue
            }
            if rest.starts(with: "```".utf8) || rest.starts(with: "~~~".utf8) {
                fence = Array(rest.prefix(3))
                continue
            }
            var depth = 0
            let indentation = column
            while position < bytes.count, let length = markerLength(bytes, at: position) {
                if depth == 0 { depth = indentation / 2 }
                depth += 1
                if depth > maximumDepth { return (firstLine + index, position + 1) }
                position += length
                while position < bytes.count, bytes[position] == space || bytes[position] == tab { position += 1 }
            }
        }
        return nil
    }

    /// The length of a block quote marker or a list marker at `position`, or nil.
    private static func markerLength(_ bytes: [UInt8], at position: Int) -> Int? {
        func isBlankOrEnd(_ index: Int) -> Bool {
            index >= bytes.count || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
        }
        switch UnicodeScalar(bytes[position]) {
        case ">":
            return 1
        case "-", "*", "+":
            return isBlankOrEnd(position + 1) ? 1 : nil
        default:
            var end = position
            while end < bytes.count, end - position < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            guard end > position, end < bytes.count, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")"),
                  isBlankOrEnd(end + 1) else { return nil }
            return end + 1 - position
        }
    }
}
