/// A block as plain text, for e-mail and messaging apps: the words a reader sees, with
/// each link's address kept apart so that the caller can write it out in full.
public struct PlainText: Equatable, Sendable {
    public enum Piece: Equatable, Sendable {
        case text(String)
        /// The address of the link whose words come just before it.
        case address(String)
    }

    public var pieces: [Piece]

    public init(_ pieces: [Piece]) {
        self.pieces = pieces
    }

    /// The text with each address written after its link's words, as "words (address)".
    ///
    /// - Parameter address: turns an address as written in the Markdown into the one
    ///   to print (for example, absolute); nil leaves it out.
    public func rendered(address: (String) -> String? = { $0 }) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .address(let written): address(written).map { " (\($0))" } ?? ""
            }
        }.joined()
    }
}

/// Writes plain text front to back while containers (list items, quotes, code) are
/// open, starting every line after a container's first with the indents of the
/// containers open where that line break was written.
///
/// Indenting as it goes, rather than re-indenting each container's finished text
/// for every container around it, keeps the work proportional to the text written
/// however deeply the containers nest.
struct PlainTextWriter {
    /// Containers nested deeper than this add no further indent: an e-mail cannot
    /// show more levels than that, and each line would otherwise carry an indent as
    /// long as the nesting (a lazy line under 50,000 quotes: 100,000 characters).
    static let deepestIndent = 32

    private var pieces: [PlainText.Piece] = []
    private var text: [UInt8] = []
    /// The indents of the open containers, outermost first, end to end; bytes past
    /// `indentEnd` belong to containers closed since and are dropped at the next open.
    private var indent: [UInt8] = []
    private var indentEnd = 0
    /// For each open container: where its indent ends, and where it ends without
    /// trailing spaces (the indent of a blank line).
    private var containers: [(end: Int, blankEnd: Int)] = []
    /// After a line break: the indent to write before the next line (its end, and its
    /// end without trailing spaces), once it is known whether that line is blank.
    private var pending: (end: Int, blankEnd: Int)?

    mutating func open(indent added: String) {
        let outer = containers.last ?? (0, 0)
        guard containers.count < Self.deepestIndent else {
            containers.append(outer)
            return
        }
        indent.removeSubrange(indentEnd...)
        indent += added.utf8
        indentEnd = indent.count
        let trimmed = added.utf8.reversed().drop { $0 == UInt8(ascii: " ") }.count
        containers.append((indentEnd, trimmed == 0 ? outer.blankEnd : outer.end + trimmed))
    }

    mutating func close() {
        containers.removeLast()
        indentEnd = containers.last?.end ?? 0
    }

    /// Writes `written`, indenting each line after a line break.
    mutating func write(_ written: String) {
        var lines = written.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next() else { return }
        writeLine(first)
        while let line = lines.next() {
            finishBlankLine()
            text.append(UInt8(ascii: "\n"))
            pending = containers.last ?? (0, 0)
            writeLine(line)
        }
    }

    mutating func writeAddress(_ address: String) {
        finishBlankLine()
        flushText()
        pieces.append(.address(address))
    }

    mutating func finish() -> PlainText {
        finishBlankLine()
        flushText()
        return PlainText(pieces)
    }

    private mutating func writeLine(_ line: Substring.UTF8View) {
        guard !line.isEmpty else { return }
        if let pending {
            text += indent[..<pending.end]
            self.pending = nil
        }
        text += line
    }

    /// A line that ended without words gets the indent without its trailing spaces.
    private mutating func finishBlankLine() {
        guard let pending else { return }
        text += indent[..<pending.blankEnd]
        self.pending = nil
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        pieces.append(.text(String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }
}
