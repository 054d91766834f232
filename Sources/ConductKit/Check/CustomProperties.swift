import Foundation

/// The custom properties (`--brand: #1f4e79;`) set in a stylesheet's top-level `:root`
/// rules, each with where it is set. Rules inside `@media` and other at-rules are
/// left out: they change the page only when printing or on some screens.
struct CustomProperties: Equatable {
    struct Declaration: Equatable {
        var value: String
        var location: SourceLocation
    }

    fileprivate(set) var declarations: [String: Declaration] = [:]

    init() {}

    /// Reads `css`, whose first character is at `line`:`column` of the file at `path`.
    init(css: String, path: String, line: Int = 1, column: Int = 1) {
        var reader = CSSReader(text: Array(css.unicodeScalars), path: path, line: line, column: column)
        reader.readRules(into: &self)
    }

    /// Later declarations win, as in the cascade: a page's own `<style>` comes after
    /// its stylesheet.
    mutating func merge(_ other: CustomProperties) {
        declarations.merge(other.declarations) { $1 }
    }

    subscript(name: String) -> Declaration? { declarations[name] }
}

/// A small reader for the parts of CSS this check needs: comments, strings, nested
/// blocks, and the declarations of `:root` rules.
private struct CSSReader {
    let text: [Unicode.Scalar]
    let path: String
    var index = 0
    var line: Int
    var column: Int

    init(text: [Unicode.Scalar], path: String, line: Int, column: Int) {
        (self.text, self.path, self.line, self.column) = (text, path, line, column)
    }

    var location: SourceLocation { SourceLocation(path: path, line: line, column: column) }

    mutating func advance() {
        if text[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    func hasPrefix(_ prefix: String) -> Bool {
        let scalars = Array(prefix.unicodeScalars)
        return index + scalars.count <= text.count && Array(text[index..<index + scalars.count]) == scalars
    }

    /// Skips whitespace and comments.
    mutating func skipTrivia() {
        while index < text.count {
            if hasPrefix("/*") {
                while index < text.count && !hasPrefix("*/") { advance() }
                if index < text.count { advance(); advance() }
            } else if text[index].properties.isWhitespace {
                advance()
            } else {
                return
            }
        }
    }

    mutating func readRules(into properties: inout CustomProperties) {
        while true {
            skipTrivia()
            guard index < text.count else { return }
            let prelude = readUntil(["{", ";"])
            guard index < text.count else { return }
            let opensBlock = text[index] == "{"
            advance()
            guard opensBlock else { continue }
            if prelude.trimmingCharacters(in: .whitespacesAndNewlines) == ":root" {
                readDeclarations(into: &properties)
            } else {
                skipBlock()
            }
        }
    }

    /// The text up to (not including) one of `stops` at nesting depth 0, without
    /// comments; strings are kept whole.
    private mutating func readUntil(_ stops: Set<Unicode.Scalar>) -> String {
        var result = ""
        while index < text.count {
            if hasPrefix("/*") {
                skipTrivia()
                result += " "
                continue
            }
            let scalar = text[index]
            if stops.contains(scalar) { break }
            if scalar == "\"" || scalar == "'" {
                result += readString(quote: scalar)
                continue
            }
            result.unicodeScalars.append(scalar)
            advance()
        }
        return result
    }

    private mutating func readString(quote: Unicode.Scalar) -> String {
        var result = String(quote)
        advance()
        while index < text.count, text[index] != quote, text[index] != "\n" {
            if text[index] == "\\" && index + 1 < text.count {
                result.unicodeScalars.append(text[index])
                advance()
            }
            result.unicodeScalars.append(text[index])
            advance()
        }
        if index < text.count && text[index] == quote {
            result.unicodeScalars.append(quote)
            advance()
        }
        return result
    }

    /// After a `{`: up to and past its matching `}`.
    private mutating func skipBlock() {
        var depth = 1
        while index < text.count && depth > 0 {
            _ = readUntil(["{", "}"])
            guard index < text.count else { return }
            depth += text[index] == "{" ? 1 : -1
            advance()
        }
    }

    private mutating func readDeclarations(into properties: inout CustomProperties) {
        while true {
            skipTrivia()
            guard index < text.count else { return }
            if text[index] == "}" {
                advance()
                return
            }
            let start = location
            let declaration = readUntil([";", "}", "{"])
            if index < text.count && text[index] == "{" {
                advance()
                skipBlock()
                continue
            }
            if index < text.count && text[index] == ";" { advance() }
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let name = declaration[..<colon].trimmingCharacters(in: .whitespacesAndNewlines)
            let value = declaration[declaration.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard name.hasPrefix("--") else { continue }
            properties.declarations[name] = CustomProperties.Declaration(value: value, location: start)
        }
    }
}

extension Colour {
    /// A CSS colour written `#rgb` or `#rrggbb`, in any case; nil for anything else.
    init?(css text: String) {
        let hex = text.lowercased()
        if hex.count == 4, hex.first == "#" {
            self.init(hex: "#" + hex.dropFirst().map { "\($0)\($0)" }.joined())
        } else {
            self.init(hex: hex)
        }
    }
}
