import Foundation

/// One piece of an HTML (or sitemap XML) file, with the line and column it starts at.
struct HTMLToken: Equatable {
    enum Kind: Equatable {
        /// Names are lowercased; attribute values are entity-decoded.
        case startTag(name: String, attributes: [HTMLAttribute])
        case endTag(name: String)
        /// Text between tags, entity-decoded; the raw contents of `<script>` and `<style>`.
        case text(String)
    }

    var kind: Kind
    var line: Int
    var column: Int
}

struct HTMLAttribute: Equatable {
    var name: String
    /// Decoded; empty for an attribute written without a value (`hidden`).
    var value: String
    var line: Int
    var column: Int
}

extension HTMLToken {
    var startTagName: String? {
        if case .startTag(let name, _) = kind { return name }
        return nil
    }

    func attribute(_ name: String) -> HTMLAttribute? {
        guard case .startTag(_, let attributes) = kind else { return nil }
        return attributes.first { $0.name == name }
    }
}

/// Splits HTML into start tags, end tags and text, as a browser's tokenizer would for
/// the pages we generate: comments, doctypes and processing instructions are skipped,
/// `<script>` and `<style>` hold raw text, `<title>` and `<textarea>` text without tags,
/// and attribute values may be double-quoted, single-quoted or bare. Not a full
/// HTML5 parser: it builds no tree and knows only the common named entities.
enum HTMLTokenizer {
    static func tokens(in data: Data) -> [HTMLToken] {
        var scanner = Scanner(bytes: Array(data))
        var tokens: [HTMLToken] = []
        while !scanner.isAtEnd {
            switch scanner.peek() == UInt8(ascii: "<") ? scanner.markup() : .notMarkup {
            case .tag(let token):
                tokens.append(token)
                if let name = token.startTagName, let contents = scanner.rawText(closing: name) { tokens.append(contents) }
            case .skipped:
                break
            case .notMarkup:
                tokens.append(scanner.text())
            }
        }
        return tokens
    }

    /// Elements whose contents are not parsed for tags; only the first two keep entities.
    static let rawTextElements: Set<String> = ["script", "style"]
    static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    private enum Markup {
        case tag(HTMLToken)
        /// A comment, doctype, processing instruction, or a tag cut off by the end of the file.
        case skipped
        /// A `<` that starts no markup: it is text.
        case notMarkup
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// 1-based, counted in characters (Unicode scalars), not bytes; kept up to date
        /// by `advance` so that a long line is not counted again for each token on it.
        var column = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { index >= bytes.count }

        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        mutating func advance(_ count: Int = 1) {
            advance(to: index + count)
        }

        mutating func advance(to end: Int) {
            let end = min(end, bytes.count)
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
        }

        /// Moves to the next `byte` after the current one, or to the end.
        mutating func advance(toNext byte: UInt8) {
            advance(to: bytes[min(index + 1, bytes.count)...].firstIndex(of: byte) ?? bytes.count)
        }

        func hasPrefix(_ text: String, caseInsensitive: Bool = false) -> Bool {
            hasPrefix(Array(text.utf8), caseInsensitive: caseInsensitive)
        }

        func hasPrefix(_ prefix: [UInt8], caseInsensitive: Bool = false) -> Bool {
            guard index + prefix.count <= bytes.count else { return false }
            return zip(bytes[index...], prefix).allSatisfy { caseInsensitive ? lower($0) == lower($1) : $0 == $1 }
        }

        /// Moves past the next `terminator`, or to the end.
        mutating func skip(past terminator: String) {
            let terminator = Array(terminator.utf8)
            while !isAtEnd && !hasPrefix(terminator) { advance() }
            advance(terminator.count)
        }

        mutating func text() -> HTMLToken {
            let (startLine, startColumn) = (line, column)
            let start = index
            advance(toNext: UInt8(ascii: "<"))
            return HTMLToken(kind: .text(Entities.decode(bytes[start..<index])), line: startLine, column: startColumn)
        }

        /// At a `<`.
        mutating func markup() -> Markup {
            if hasPrefix("<!--") {
                advance(4)
                skip(past: "-->")
                return .skipped
            }
            if hasPrefix("<!") || hasPrefix("<?") {
                skip(past: ">")
                return .skipped
            }
            let (startLine, startColumn) = (line, column)
            if hasPrefix("</"), let first = peek(2), isLetter(first) {
                advance(2)
                let name = tagName()
                skip(past: ">")
                return .tag(HTMLToken(kind: .endTag(name: name), line: startLine, column: startColumn))
            }
            guard let first = peek(1), isLetter(first) else { return .notMarkup }
            advance()
            let name = tagName()
            var attributes: [HTMLAttribute] = []
            while let byte = peek() {
                if isSpace(byte) || byte == UInt8(ascii: "/") {
                    advance()
                } else if byte == UInt8(ascii: ">") {
                    advance()
                    return .tag(HTMLToken(kind: .startTag(name: name, attributes: attributes), line: startLine, column: startColumn))
                } else {
                    let attribute = self.attribute()
                    // As in browsers, the first of two attributes with the same name counts.
                    if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
                }
            }
            // A tag cut off by the end of the file is dropped, as browsers do.
            return .skipped
        }

        /// After a `<script>`, `<style>`, `<title>` or `<textarea>` start tag: everything up
        /// to its end tag, as one text token.
        mutating func rawText(closing name: String) -> HTMLToken? {
            let decodes = HTMLTokenizer.escapableRawTextElements.contains(name)
            guard decodes || HTMLTokenizer.rawTextElements.contains(name) else { return nil }
            let (startLine, startColumn) = (line, column)
            let start = index
            let endTag = Array(("</" + name).utf8)
            while !isAtEnd {
                if hasPrefix(endTag, caseInsensitive: true),
                   peek(2 + name.utf8.count).map({ isSpace($0) || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") }) ?? true {
                    break
                }
                advance()
            }
            guard index > start else { return nil }
            let contents = bytes[start..<index]
            let text = decodes ? Entities.decode(contents) : String(decoding: contents, as: UTF8.self)
            return HTMLToken(kind: .text(text), line: startLine, column: startColumn)
        }

        private mutating func tagName() -> String {
            let start = index
            while let byte = peek(), !isSpace(byte), byte != UInt8(ascii: "/"), byte != UInt8(ascii: ">") { advance() }
            return String(decoding: bytes[start..<index].map(lower), as: UTF8.self)
        }

        private mutating func attribute() -> HTMLAttribute {
            let (startLine, startColumn) = (line, column)
            let nameStart = index
            // A name may start with "=", so the first byte is always taken.
            advance()
            while let byte = peek(), !isSpace(byte), byte != UInt8(ascii: "/"), byte != UInt8(ascii: ">"),
                  byte != UInt8(ascii: "=") {
                advance()
            }
            let name = String(decoding: bytes[nameStart..<index].map(lower), as: UTF8.self)
            var lookahead = self
            while let byte = lookahead.peek(), isSpace(byte) { lookahead.advance() }
            guard lookahead.peek() == UInt8(ascii: "=") else {
                return HTMLAttribute(name: name, value: "", line: startLine, column: startColumn)
            }
            self = lookahead
            advance()
            while let byte = peek(), isSpace(byte) { advance() }
            let value: ArraySlice<UInt8>
            if let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let start = index + 1
                advance(toNext: quote)
                value = bytes[start..<index]
                advance()
            } else {
                let start = index
                while let byte = peek(), !isSpace(byte), byte != UInt8(ascii: ">") { advance() }
                value = bytes[start..<index]
            }
            return HTMLAttribute(name: name, value: Entities.decode(value), line: startLine, column: startColumn)
        }
    }
}

private func lower(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
}

private func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower(byte))
}

private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

/// Character references: numeric ones, and the named ones our templates, cmark and
/// smart punctuation can produce. Others are left as written.
enum Entities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "hellip": "\u{2026}", "copy": "\u{A9}",
    ]

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            if let semicolon = rest[afterAmpersand...].prefix(32).firstIndex(of: ";"),
               let decoded = character(for: rest[afterAmpersand..<semicolon]) {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[afterAmpersand...]
            }
        }
        return result + rest
    }

    private static func character(for reference: Substring) -> String? {
        guard reference.first == "#" else { return named[String(reference)] }
        let hexadecimal = reference.dropFirst().first.map { $0 == "x" || $0 == "X" } ?? false
        let digits = reference.dropFirst(hexadecimal ? 2 : 1)
        guard !digits.isEmpty, digits.allSatisfy({ hexadecimal ? $0.isHexDigit : ("0"..."9").contains($0) }),
              let value = UInt32(digits, radix: hexadecimal ? 16 : 10) else { return nil }
        // NUL, surrogates and numbers beyond Unicode become U+FFFD, as in browsers.
        return String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}").replacingOccurrences(of: "\0", with: "\u{FFFD}")
    }
}
