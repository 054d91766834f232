import Foundation

/// Turns heading text into stable, unique, URL-friendly ids.
///
/// Ids come from the text as written in the source, so a link such as
/// `#photos-and-videos` keeps working for every school.
public struct HeadingIDs: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// "Photos and videos" → "photos-and-videos"; apostrophes vanish ("child's" →
    /// "childs") and every other run of characters that are neither letters nor digits
    /// becomes one hyphen. Letters and digits of every script are kept, lowercased where
    /// the script has case ("Zdjęcia i filmy" → "zdjęcia-i-filmy", "تصاویر اور ویڈیوز" →
    /// "تصاویر-اور-ویڈیوز"), so a translation's contents list has readable ids; the text
    /// is put in canonical composed form first, so an "ę" typed as "e" and a combining
    /// mark gives the same id.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        let composed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        for character in composed.lowercased() {
            if character == "'" || character == "\u{2019}" { continue }
            if character.isLetter || character.isNumber {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                // Joiners and other invisible format characters would make two ids that
                // look the same differ.
                slug.unicodeScalars.append(contentsOf: character.unicodeScalars.filter { $0.properties.generalCategory != .format })
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// Reserves an id (for example one the page itself uses) so no heading takes it.
    public mutating func reserve(_ id: String) {
        used[id, default: 0] += 1
    }

    /// The slug of `text`, with `-2`, `-3`… added when an earlier heading took it.
    public mutating func unique(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var count = used[base, default: 0]
        while used[candidate] != nil {
            count += 1
            candidate = "\(base)-\(count)"
        }
        used[base] = max(count, 1)
        used[candidate] = 1
        return candidate
    }
}
