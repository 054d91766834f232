import Foundation
import Markdown

/// A BCP 47 language tag of the form the site uses for a translation's folder: a
/// language, then optionally a script and a region (`pl`, `ur`, `pt-BR`, `zh-Hant`,
/// `sr-Latn-RS`), each written in its usual case (language lowercase, script with a
/// capital, region in capitals), since the tag names a folder of every school's site.
public struct LanguageTag: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Two or three letters, lowercase: `pl`, `ur`, `ckb`.
    public var language: String
    /// Four letters, the first a capital: `Arab`, `Latn`.
    public var script: String?
    /// Two capital letters or three digits: `PK`, `419`.
    public var region: String?

    /// Reads a tag written in its usual case; nil for anything else.
    public init?(_ text: String) {
        guard let tag = Self(anyCase: text), tag.description == text else { return nil }
        self = tag
    }

    /// Reads a tag whatever the case of its letters; `description` then writes it in the
    /// usual case, for a hint.
    public init?(anyCase text: String) {
        var parts = text.split(separator: "-", omittingEmptySubsequences: false)[...]
        func letters(_ part: Substring, _ counts: ClosedRange<Int>) -> Bool {
            counts.contains(part.count) && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        }
        guard let first = parts.popFirst(), letters(first, 2...3), !Self.namesNoLanguage(first.lowercased()) else { return nil }
        language = first.lowercased()
        if let part = parts.first, letters(part, 4...4) {
            script = part.prefix(1).uppercased() + part.dropFirst().lowercased()
            parts.removeFirst()
        }
        if let part = parts.first,
           letters(part, 2...2) || (part.count == 3 && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }) {
            region = part.uppercased()
            parts.removeFirst()
        }
        guard parts.isEmpty else { return nil }
    }

    public var description: String {
        [language, script, region].compactMap { $0 }.joined(separator: "-")
    }

    /// Codes that name no one language a reader could ask for: undetermined (`und`),
    /// several (`mul`), no linguistic content (`zxx`), uncoded (`mis`), and the range
    /// kept for private use (`qaa` to `qtz`). A page in one of them could not say its
    /// language to a browser or a screen reader.
    private static func namesNoLanguage(_ code: String) -> Bool {
        ["und", "mul", "zxx", "mis"].contains(code) || (code.count == 3 && ("qaa"..."qtz").contains(code))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

/// A shared document in another language, `Content/translations/<tag>/<file>`, checked
/// against the English it was translated from.
public struct Translation: Sendable {
    public var language: LanguageTag
    public var kind: DocumentKind
    public var path: String
    public var title: String
    public var summary: String
    /// The letter's short summary, translated (`in_brief:`), values not yet in.
    public var inBrief: [String]
    /// Its headings match the English document's one for one, in number, order and level.
    public var body: MarkdownDocument
    /// The id of each heading of `body`, made from the translated text.
    public var headingIDs: [String]
    /// Who reviewed the translation; empty for a draft.
    public var reviewedBy: Located<String>
    /// What it was translated from, and whether the English is still that.
    public var origin: TranslationOrigin

    /// A translation nobody has reviewed: built only with drafts, never published.
    public var isDraft: Bool { reviewedBy.value.isEmpty }
}

/// The English a translation was made from (`source_version`, `source_digest`) against
/// the English file as it is now.
public struct TranslationOrigin: Sendable, Equatable {
    /// The English document's `version` when it was translated; nil for the letter,
    /// which has none.
    public var version: String?
    /// `sha256:` and the lowercase hexadecimal SHA-256 of the English file's bytes.
    public var digest: String
    /// The English file the translation follows, e.g. "Content/code-of-conduct.md".
    public var englishPath: String
    public var englishVersion: String?
    public var englishDigest: String

    /// The English has changed since the translation was made: its pages say so and
    /// link to the English, and `conduct check` lists it.
    public var isOutOfDate: Bool {
        digest != englishDigest || version != englishVersion
    }

    /// How a digest is written in a translation's front matter.
    static let digestPrefix = "sha256:"

    static func isWellFormedDigest(_ text: String) -> Bool {
        text.hasPrefix(digestPrefix) && text.dropFirst(digestPrefix.count).utf8.count == 64
            && text.dropFirst(digestPrefix.count).unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
