import Foundation
import Markdown

/// Puts a school's values into rendered HTML in place of `{{name}}`.
///
/// Markdown is parsed once for all schools and the values go into cmark's output, so
/// a variable is found in two forms: as written in text, and inside a link address,
/// where cmark has percent-encoded the braces (`%7B%7Bschool.website%7D%7D`).
struct Substitution {
    var values: [Variable: String]
    var members: MemberSchools

    init(school: School, association: String, members: MemberSchools) {
        values = [
            .schoolName: school.name,
            .schoolShortName: school.shortName,
            .schoolTown: school.town,
            .schoolWebsite: school.website,
            .schoolComplaintsURL: school.complaintsURL ?? school.website,
            .associationName: association,
        ]
        self.members = members
    }

    func apply(to html: String) -> String {
        var bytes = Array(html.utf8)
        // Most headings and many pages have no variable at all.
        guard UTF8Search.index(of: Self.openBraces, in: bytes, from: 0) != nil
            || UTF8Search.index(of: Self.openEncodedBraces, in: bytes, from: 0) != nil else { return html }
        bytes = replace(in: bytes, open: Self.openBraces, close: Self.closeBraces) { HTML.escape($1) }
        bytes = replace(in: bytes, open: Self.openEncodedBraces, close: Self.closeEncodedBraces) { variable, value in
            // Only the school's addresses (checked to be https://) may form an address; any
            // other value is encoded whole, so "javascript:…" in a name stays inert text.
            HTML.escape(variable.isAddress ? Self.percentEncodedForLink(value) : Self.percentEncodedWhole(value))
        }
        // Last, so that the list (as long as the consortium) is not searched again, and
        // a school name that happens to contain "{{…}}" stays as it is written.
        bytes = Self.replacingAll(Self.memberSchoolsParagraph, with: members.html, in: bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text with the values in as they are, for making heading ids.
    func applyToPlainText(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard UTF8Search.index(of: Self.openBraces, in: bytes, from: 0) != nil else { return text }
        return String(decoding: replace(in: bytes, open: Self.openBraces, close: Self.closeBraces) { $1 }, as: UTF8.self)
    }

    /// A block of plain text for e-mail: the member schools as a list, other values as
    /// they are.
    func applyToTextBlock(_ text: String) -> String {
        guard text != "{{\(Variable.memberSchools.rawValue)}}" else {
            return members.names.map { "- \($0)" }.joined(separator: "\n")
        }
        return applyToPlainText(text)
    }

    private static let openBraces = Array("{{".utf8), closeBraces = Array("}}".utf8)
    private static let openEncodedBraces = Array("%7B%7B".utf8), closeEncodedBraces = Array("%7D%7D".utf8)
    /// cmark's rendering of the block variable on a line of its own.
    private static let memberSchoolsParagraph = Array("<p>{{\(Variable.memberSchools.rawValue)}}</p>\n".utf8)

    /// Replaces each `open name close` whose name is a variable with a value, working
    /// on UTF-8 bytes because Foundation's search is slow on long pages.
    ///
    /// Every search starts where the last one of its kind ended, so a page full of
    /// openings without a close (`{{ {{ {{ … }}`) is read once: a name with another
    /// opening inside it cannot be a variable, so the next opening comes first.
    private func replace(in bytes: [UInt8], open opening: [UInt8], close closing: [UInt8],
                         escape: (Variable, String) -> String) -> [UInt8] {
        guard var start = UTF8Search.index(of: opening, in: bytes, from: 0) else { return bytes }
        var result = Array(bytes[..<start])
        result.reserveCapacity(bytes.count)
        var copied = start
        var close = UTF8Search.index(of: closing, in: bytes, from: start)
        while true {
            let nameStart = start + opening.count
            if let found = close, found < nameStart { close = UTF8Search.index(of: closing, in: bytes, from: nameStart) }
            let next = UTF8Search.index(of: opening, in: bytes, from: nameStart)
            if let end = close, end < next ?? bytes.count,
               let variable = Variable(rawValue: String(decoding: bytes[nameStart..<end], as: UTF8.self).trimmingSpacesAndTabs),
               let value = values[variable] {
                result += bytes[copied..<start]
                result += escape(variable, value).utf8
                copied = end + closing.count
            }
            guard let next else { break }
            start = next
        }
        result += bytes[copied...]
        return result
    }

    private static func replacingAll(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var position = 0
        while let found = UTF8Search.index(of: needle, in: bytes, from: position) {
            if result.isEmpty { result.reserveCapacity(bytes.count + replacement.count) }
            result += bytes[position..<found]
            result += replacement
            position = found + needle.count
        }
        guard position > 0 else { return bytes }
        return result + bytes[position...]
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

/// The member schools as the letter lists them. The same for every school and as long
/// as the consortium, so it is made once per build, not once per page.
struct MemberSchools: Sendable {
    /// School names in alphabetical order.
    let names: [String]
    /// The list as HTML, escaped.
    let html: [UInt8]

    init(_ directory: [SchoolListing]) {
        names = directory.map(\.name).sorted()
        html = Array(("<ul class=\"member-schools\">\n" + names.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n").utf8)
    }
}
