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
        var result = html.replacingOccurrences(
            of: "<p>{{\(Variable.memberSchools.rawValue)}}</p>\n",
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

    private func replace(in text: String, open: String, close: String, escape: (Variable, String) -> String) -> String {
        guard text.contains(open) else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.range(of: open) {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: close),
                  let variable = Variable(rawValue: rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)),
                  let value = values[variable] else {
                result += rest[start]
                rest = rest[start.upperBound...]
                continue
            }
            result += escape(variable, value)
            rest = rest[end.upperBound...]
        }
        return result + rest
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
