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
        result = replace(in: result, open: "{{", close: "}}") { HTML.escape($0) }
        result = replace(in: result, open: "%7B%7B", close: "%7D%7D") { HTML.escape(Self.percentEncodedForLink($0)) }
        return result
    }

    /// Text with the values in as they are, for making heading ids.
    func applyToPlainText(_ text: String) -> String {
        replace(in: text, open: "{{", close: "}}") { $0 }
    }

    private func replace(in text: String, open: String, close: String, escape: (String) -> String) -> String {
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
            result += escape(value)
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    /// Encodes what may not stand in a link address as it is (spaces, quotes, non-ASCII),
    /// keeping the characters that give an address its structure.
    static func percentEncodedForLink(_ value: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")
        return value.utf8.map { byte in
            let character = Character(Unicode.Scalar(byte))
            return byte < 128 && allowed.contains(character) ? String(character) : String(format: "%%%02X", byte)
        }.joined()
    }
}
