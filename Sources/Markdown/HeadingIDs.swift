/// Turns heading text into stable, unique, URL-friendly ids.
///
/// Ids come from the text as written in the source, so a link such as
/// `#photos-and-videos` keeps working for every school.
public struct HeadingIDs: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// "Photos and videos" → "photos-and-videos"; apostrophes vanish ("child's" →
    /// "childs") and every other run of non-alphanumerics becomes one hyphen.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character == "'" || character == "\u{2019}" { continue }
            if character.isASCII, character.isLetter || character.isNumber {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(character)
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
