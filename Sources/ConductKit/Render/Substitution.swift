import Foundation
import Markdown

/// Puts a school's values into rendered HTML in place of `{{name}}`.
///
/// Markdown is parsed once for all schools and the values go into cmark's output, so
/// a variable is found in two forms: as written in text, and inside a link address,
/// where cmark has percent-encoded the braces (`%7B%7Bschool.website%7D%7D`).
struct Substitution {
    var values: [Variable: String]
    var memberSchools: [String]

    init(school: School, association: String, memberSchools: [String]) {
        values = [
            .schoolName: school.name,
            .schoolShortName: school.shortName,
            .schoolTown: school.town,
            .schoolWebsite: school.website,
            .associationName: association,
        ]
        self.memberSchools = memberSchools
    }

    func apply(to html: String) -> String {
        // Swift's own string search, not Foundation's: this runs on every page of every school.
        var result = html.replacing(
            "<p>{{\(Variable.memberSchools.rawValue)}}</p>\n",
            with: "<ul class=\"member-schools\">\n" + memberSchools.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
        )
        result = replace(in: result, open: "{{", close: "}}") { HTML.escape($1) }
        result = replace(in: result, open: "%7B%7B", close: "%7D%7D") { variable, value in
            // Only the website (checked to be https://) may form an address; any other
            // value is encoded whole, so "javascript:…" in a name stays inert text.
            HTML.escape(variable == .schoolWebsite ? Self.percentEncodedForLink(value) : Self.percentEncodedWhole(value))
        }
        return result
    }

    /// Text with the values in as they are, for making heading ids.
    func applyToPlainText(_ text: String) -> String {
        replace(in: text, open: "{{", close: "}}") { $1 }
    }

    /// A block of plain text for e-mail: the member schools as a list, other values as
    /// they are.
    func applyToTextBlock(_ text: String) -> String {
        guard text != "{{\(Variable.memberSchools.rawValue)}}" else {
            return memberSchools.map { "- \($0)" }.joined(separator: "\n")
        }
        return applyToPlainText(text)
    }

    /// Replaces each `open name close` whose name is a variable with a value, working
    /// on UTF-8 bytes because Foundation's search is slow on long pages.
    private func replace(in text: String, open: String, close: String, escape: (Variable, String) -> String) -> String {
        let bytes = Array(text.utf8), opening = Array(open.utf8), closing = Array(close.utf8)
        guard let first = Self.index(of: opening, in: bytes, from: 0) else { return text }
        var result = Array(bytes[..<first])
        result.reserveCapacity(bytes.count)
        var position = first
        while position < bytes.count {
            guard let start = Self.index(of: opening, in: bytes, from: position) else {
                result += bytes[position...]
                break
            }
            result += bytes[position..<start]
            let nameStart = start + opening.count
            guard let end = Self.index(of: closing, in: bytes, from: nameStart),
                  let variable = Variable(rawValue: String(decoding: bytes[nameStart..<end], as: UTF8.self)
                      .trimmingCharacters(in: .whitespaces)),
                  let value = values[variable] else {
                result += opening
                position = nameStart
                continue
            }
            result += escape(variable, value).utf8
            position = end + closing.count
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func index(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == head && bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Encodes what may not stand in a link address as it is (spaces, quotes, non-ASCII),
    /// keeping the characters that give an address its structure.
    static func percentEncodedForLink(_ value: String) -> String {
        percentEncoded(value, keeping: Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%"))
    }

    /// Encodes everything but letters, digits and `-._~`: the value is one piece of an
    /// address and can never change its scheme or structure.
    static func percentEncodedWhole(_ value: String) -> String {
        percentEncoded(value, keeping: Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))
    }

    private static func percentEncoded(_ value: String, keeping allowed: Set<Character>) -> String {
        value.utf8.map { byte in
            let character = Character(Unicode.Scalar(byte))
            return byte < 128 && allowed.contains(character) ? String(character) : String(format: "%%%02X", byte)
        }.joined()
    }
}
