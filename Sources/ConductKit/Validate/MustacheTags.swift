import Foundation

/// The tags of a Mustache template, in order, with 1-based positions: what the key
/// check and the partial check read. One pass over the UTF-8 bytes, so a template's
/// size never makes it slow. Templates that do not parse are reported by the
/// Mustache parser; here an unclosed tag ends the scan.
struct MustacheTag: Equatable {
    enum Kind: Equatable {
        /// `{{name}}`, escaped.
        case variable
        /// `{{{name}}}` or `{{& name}}`, written as it is.
        case unescaped
        /// `{{#name}}`
        case section
        /// `{{^name}}`
        case inverted
        /// `{{/name}}`
        case close
        /// `{{> name}}`
        case partial
        /// `{{! … }}`
        case comment
        /// Tags the site's templates must not use: `{{=…=}}`, `{{%…}}`, `{{$…}}`, `{{<…}}`.
        case unsupported(Character)
    }

    var kind: Kind
    /// What stands between the delimiters and the tag's sigil, trimmed.
    var name: String
    var line: Int
    var column: Int

    /// The tag as the template has it (cut short if it is long), for messages.
    var written: String

    static func scan(_ text: String) -> [MustacheTag] {
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        var tags: [MustacheTag] = []
        var line = 1, column = 1
        var index = 0
        /// Moves past `count` bytes, keeping the position (columns count characters'
        /// first bytes, so multi-byte letters count once).
        func advance(_ count: Int) {
            for byte in bytes[index..<min(index + count, bytes.count)] {
                if byte == newline {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            index += count
        }
        while index + 1 < bytes.count {
            guard bytes[index] == open, bytes[index + 1] == open else {
                advance(1)
                continue
            }
            let (tagLine, tagColumn) = (line, column)
            var start = index + 2
            var kind = Kind.variable
            var terminator: [UInt8] = [close, close]
            if start < bytes.count {
                switch bytes[start] {
                case UInt8(ascii: "{"): (kind, terminator) = (.unescaped, [close, close, close])
                case UInt8(ascii: "&"): kind = .unescaped
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "!"): kind = .comment
                case let sigil where "=%$<".utf8.contains(sigil): kind = .unsupported(Character(UnicodeScalar(sigil)))
                default: break
                }
                if kind != .variable { start += 1 }
            }
            guard let end = firstIndex(of: terminator, in: bytes, from: start) else { break }
            let name = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let whole = String(decoding: bytes[index..<end + terminator.count], as: UTF8.self)
            let written = whole.count > 80 ? whole.prefix(77) + "…}}" : whole
            tags.append(MustacheTag(kind: kind, name: name, line: tagLine, column: tagColumn, written: written))
            advance(end + terminator.count - index)
            // A set-delimiter tag changes what the rest of the file means.
            if case .unsupported("=") = kind { break }
        }
        return tags
    }

    /// The first section tag nested more than `maximum` deep.
    static func firstTooDeep(in text: String, maximum: Int) -> MustacheTag? {
        var depth = 0
        for tag in scan(text) {
            switch tag.kind {
            case .section, .inverted:
                depth += 1
                if depth > maximum { return tag }
            case .close:
                depth -= 1
            default:
                break
            }
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
