import Foundation
import Markdown

/// How hard a Markdown file's text is to read, by the Flesch formulas. A figure to
/// guide writers (the Code aims at a reading age of about 12), not a rule.
public struct ReadingLevel: Sendable, Equatable {
    /// From the site root, e.g. "Content/code-of-conduct.md".
    public var path: String
    public var words: Int
    public var sentences: Int
    public var syllables: Int

    /// Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per
    /// word. Higher is easier; 60 to 70 is plain English.
    public var readingEase: Double {
        206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
    }

    /// Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59,
    /// a US school grade.
    public var grade: Double {
        0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
    }

    /// Roughly the age of a reader who can follow the text: the grade plus 5.
    public var readingAge: Double { grade + 5 }

    private var wordsPerSentence: Double { Double(words) / Double(max(sentences, 1)) }
    private var syllablesPerWord: Double { Double(syllables) / Double(max(words, 1)) }

    /// The shared documents, then the sections of each school (of `schools`, or all),
    /// each measured on its own. Files that cannot be read or have no words are left out:
    /// `conduct build` reports the first, and the second have no level.
    public static func measure(root: URL, schools: [String] = []) -> [ReadingLevel] {
        measure(SiteLoader.load(root: root), schools: schools)
    }

    static func measure(_ source: SiteSource, schools: [String]) -> [ReadingLevel] {
        var texts = PageKind.documents(checked: .readingLevel).compactMap { source.documents[$0] }.map { (path: $0.path, body: $0.body) }
        for school in source.schools where schools.isEmpty || schools.contains(school.folder) {
            texts += school.sections.sorted { $0.path < $1.path }.map { (path: $0.path, body: $0.body) }
        }
        return texts.compactMap { text in
            let level = ReadingLevel(path: text.path, markdown: text.body)
            return level.words > 0 ? level : nil
        }
    }

    /// Measures the words a reader sees: front matter is already removed, Markdown is
    /// rendered to plain text, link addresses and `{{...}}` values are left out, and
    /// each heading and list item counts as a sentence of its own.
    init(path: String, markdown: String) {
        self.init(path: path, blocks: CommonMark.parse(markdown).blocks.map { block in
            switch block {
            case .heading(let heading): PlainText([.text(heading.text)])
            case .content(_, let text, _): text
            }
        })
    }

    /// Measures blocks of plain text (a heading is a block of its own), such as a
    /// document composed with a school's sections.
    init(path: String, blocks: [PlainText]) {
        let lines = blocks.flatMap { block in
            block.pieces.compactMap { piece in
                if case .text(let words) = piece { return words }
                return nil
            }.joined().split(separator: "\n").map(String.init)
        }
        self.init(path: path, text: lines.map(Self.withoutValues).joined(separator: "\n"))
    }

    /// Counts `text`, in which each line ends a sentence.
    init(path: String, text: String) {
        self.path = path
        (words, sentences, syllables) = (0, 0, 0)
        for line in text.split(separator: "\n") {
            var sentenceOpen = false
            for token in Self.withoutMarker(line).split(whereSeparator: \.isWhitespace) {
                if token.contains(where: \.isLetter) {
                    words += 1
                    syllables += Syllables.count(in: String(token))
                    sentenceOpen = true
                }
                if sentenceOpen && Self.endsSentence(token) {
                    sentences += 1
                    sentenceOpen = false
                }
            }
            if sentenceOpen { sentences += 1 }
        }
    }

    /// Abbreviations whose full stop does not end a sentence.
    private static let abbreviations: Set<String> = ["e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "st."]

    /// What may follow a sentence's last mark: closing quotes, brackets, emphasis.
    private static let closers = CharacterSet(charactersIn: "\"'”’)]*_")

    private static func endsSentence(_ token: Substring) -> Bool {
        // Most words end in a letter: nothing to trim, and no sentence ends there.
        guard let end = token.unicodeScalars.last, ".!?".unicodeScalars.contains(end) || closers.contains(end) else {
            return false
        }
        let word = token.lowercased().trimmingCharacters(in: closers)
        guard let last = word.last, ".!?".contains(last) else { return false }
        return !abbreviations.contains(word)
    }

    /// The line without a leading list or quote marker ("- ", "1. ", "> ").
    private static func withoutMarker(_ line: Substring) -> Substring {
        var rest = line.drop(while: \.isWhitespace)
        while true {
            if let first = rest.first, "->*+".contains(first), rest.dropFirst().first?.isWhitespace ?? true {
                rest = rest.dropFirst().drop(while: \.isWhitespace)
                continue
            }
            let digits = rest.prefix(while: \.isNumber)
            if !digits.isEmpty, let mark = rest.dropFirst(digits.count).first, mark == "." || mark == ")",
               rest.dropFirst(digits.count + 1).first?.isWhitespace ?? true {
                rest = rest.dropFirst(digits.count + 1).drop(while: \.isWhitespace)
                continue
            }
            return rest
        }
    }

    /// `{{school.name}}` and the like stand for names that differ by school.
    /// Works on UTF-8 and searches on from the last close, so a line of many values
    /// is read once.
    private static func withoutValues(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var result: [UInt8] = []
        var kept = 0
        while let open = index(of: UInt8(ascii: "{"), twiceIn: bytes, from: kept),
              let close = index(of: UInt8(ascii: "}"), twiceIn: bytes, from: open + 2) {
            result += bytes[kept..<open]
            kept = close + 2
        }
        guard kept > 0 else { return line }
        return String(decoding: result + bytes[kept...], as: UTF8.self)
    }

    private static func index(of byte: UInt8, twiceIn bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == byte && bytes[index + 1] == byte { return index }
            index += 1
        }
        return nil
    }
}

/// An English syllable counter by rule: vowel groups, less silent endings (`-e`,
/// `-es`, `-ed`), plus the vowel pairs usually said as two (`media`, `being`,
/// `actually`), and a few compound words the rules miss. Right for most words of
/// plain English, which is what the reading figures need.
enum Syllables {
    static func count(in word: String) -> Int {
        // Folding changes no ASCII word but its case, and Foundation's is slow.
        let folded = word.utf8.allSatisfy { $0 < 0x80 } ? word : word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let parts = folded.lowercased()
            .split(whereSeparator: { $0 == "-" || $0 == "\u{2010}" || $0 == "/" })
            .map { $0.filter { ("a"..."z").contains($0) } }
            .filter { !$0.isEmpty }
        return parts.map { countPart(Array($0)) }.reduce(0, +)
    }

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    private static let exceptions: [String: Int] = [
        "anyone": 3, "business": 2, "every": 2, "everybody": 4, "everyday": 3, "everyone": 3, "everything": 3,
        "facebook": 2, "homework": 2, "lifetime": 2, "likewise": 2, "safeguarding": 3, "safety": 2, "someone": 2,
        "something": 2, "sometimes": 2, "somewhere": 2, "timetable": 3, "wednesday": 2, "youtube": 2,
    ]

    private static func countPart(_ letters: [Character]) -> Int {
        let text = String(letters)
        if let known = exceptions[text] { return known }
        if text.hasSuffix("s"), let known = exceptions[String(text.dropLast())] { return known }
        var word = letters
        var extra = 0

        func isVowel(_ index: Int) -> Bool {
            index >= 0 && index < word.count && vowels.contains(word[index]) && !(index == 0 && word[index] == "y")
        }
        func ends(with suffix: String) -> Bool { String(word).hasSuffix(suffix) }
        /// "table", "people": a consonant before a final "le" makes it a syllable.
        func endsWithConsonantLE() -> Bool { word.count > 3 && ends(with: "le") && !isVowel(word.count - 3) }

        // Plurals and verbs in -s: "places" and "messages" keep a syllable for "-es".
        if word.count > 3, ends(with: "s"), !ends(with: "ss"), !ends(with: "us"), !ends(with: "is") {
            word.removeLast()
            if ["se", "ce", "ge", "ze", "xe", "che", "she"].contains(where: ends(with:)) {
                word.removeLast()
                extra += 1
            }
        }
        // "-ed" is silent except after t or d ("wanted"), a vowel ("agreed"), or a
        // consonant with r or l ("hundred", "handled"; not "called").
        if word.count > 3, ends(with: "ed"), !isVowel(word.count - 3), !"td".contains(word[word.count - 3]) {
            let (before, beforeThat) = (word[word.count - 3], word[word.count - 4])
            let voiced = "rl".contains(before) && !isVowel(word.count - 4) && beforeThat != before
            if !voiced { word.removeLast(2) }
        }
        // A final "e" is silent after a consonant, except in "-le".
        if word.count > 2, ends(with: "e"), !isVowel(word.count - 2), !endsWithConsonantLE() {
            word.removeLast()
        }
        // So is the "e" of "safe" in "safely", "statement", "careful", "useless".
        for suffix in ["ly", "ful", "fully", "less", "ness", "ment"] where ends(with: "e" + suffix) {
            let stem = word.count - suffix.count - 1
            let consonantLE = stem >= 2 && word[stem - 1] == "l" && !isVowel(stem - 2)
            if stem >= 2, !isVowel(stem - 1), !consonantLE { extra -= 1 }
            break
        }

        var groups = 0
        for index in word.indices where isVowel(index) && !isVowel(index - 1) {
            groups += 1
        }
        // Vowel pairs that are usually two syllables: "me-di-a", "vi-o-lence", "ac-tu-al",
        // "vi-de-o"; not in "behaviour", "people" or "geography".
        for index in word.indices.dropFirst().dropLast() {
            let (previous, current, next) = (word[index - 1], word[index], word[index + 1])
            let afterNext = index + 2 < word.count ? String(word[(index + 2)...].prefix(2)) : ""
            if current == "i", "ao".contains(next), !"tscxgnl".contains(previous), afterNext != "ur" { extra += 1 }
            if current == "u", next == "a", !"qg".contains(previous) { extra += 1 }
            if current == "e", next == "o", !"pg".contains(previous) { extra += 1 }
        }
        if ends(with: "ea") && word.count > 3 { extra += 1 }
        if ends(with: "ing") && isVowel(word.count - 4) { extra += 1 }
        if ends(with: "ier") || ends(with: "iest") || ends(with: "ism") { extra += 1 }
        return max(groups + extra, 1)
    }
}
