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

    /// Every line after the first starts with `indent`, so a list item's second
    /// paragraph lines up under its first; blank lines get no trailing spaces.
    func indentingFollowingLines(by indent: String) -> PlainText {
        let blankLineIndent = String(indent.reversed().drop(while: \.isWhitespace).reversed())
        return PlainText(merged.pieces.map { piece in
            guard case .text(let text) = piece else { return piece }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return .text(lines.enumerated().map { index, line in
                index == 0 ? String(line) : (line.isEmpty ? blankLineIndent : indent + line)
            }.joined(separator: "\n"))
        })
    }

    /// Neighbouring text pieces as one, so that each line of text is within one piece.
    private var merged: PlainText {
        var pieces: [Piece] = []
        for piece in self.pieces {
            if case .text(let next) = piece, case .text(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .text(previous + next)
            } else {
                pieces.append(piece)
            }
        }
        return PlainText(pieces)
    }

    static func + (lhs: PlainText, rhs: PlainText) -> PlainText {
        PlainText(lhs.pieces + rhs.pieces).merged
    }

    /// `parts` with `separator` between each pair.
    static func joined(_ parts: [PlainText], separator: String) -> PlainText {
        var result = PlainText([])
        for (index, part) in parts.enumerated() {
            if index > 0 { result.pieces.append(.text(separator)) }
            result.pieces += part.pieces
        }
        return result.merged
    }
}
