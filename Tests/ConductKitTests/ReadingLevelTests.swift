@testable import ConductKit
import Foundation
import TestSupport
import Testing

@Suite struct ReadingLevelTests {
    /// Dictionary syllable counts of words of the kind the Code uses.
    static let knownWords: [(String, Int)] = [
        ("a", 1), ("the", 1), ("you", 1), ("school", 1), ("schools", 1), ("whole", 1), ("asked", 1), ("makes", 1),
        ("called", 1), ("used", 1), ("don't", 1), ("school's", 1), ("parent", 2), ("social", 2), ("table", 2),
        ("tables", 2), ("people", 2), ("simple", 2), ("wanted", 2), ("places", 2), ("online", 2), ("because", 2),
        ("safely", 2), ("safety", 2), ("statement", 2), ("careful", 2), ("being", 2), ("going", 2), ("children", 2),
        ("someone", 2), ("something", 2), ("handled", 2), ("hundred", 2), ("question", 2), ("Online", 2),
        ("media", 3), ("messages", 3), ("idea", 3), ("area", 3), ("violence", 3), ("serious", 3), ("beautiful", 3),
        ("harassment", 3), ("bullying", 3), ("easier", 3), ("everyone", 3), ("well-being", 3), ("videos", 3),
        ("behaviour", 3), ("actually", 4), ("defamation", 4), ("criticism", 4), ("communication", 5),
        ("cyberbullying", 5), ("individual", 5),
    ]

    @Test(arguments: knownWords)
    func countsSyllables(word: String, syllables: Int) {
        #expect(Syllables.count(in: word) == syllables)
    }

    @Test func fleschFiguresOfAKnownSentence() {
        let level = ReadingLevel(path: "cat.md", text: "The cat sat on the mat.")
        #expect((level.words, level.sentences, level.syllables) == (6, 1, 6))
        #expect(abs(level.readingEase - 116.145) < 0.0001)
        #expect(abs(level.grade - -1.45) < 0.0001)
        #expect(abs(level.readingAge - 3.55) < 0.0001)
    }

    @Test func sentencesEndAtStopsAndAtTheEndOfEachLine() {
        let text = """
            Talk to us first. Then, if you must, post! Is it kind?
            1. Be kind in messages
            - Report it to the platform (for example, e.g. Instagram).
            Speak to Mr. Smith or St. Chad’s staff.
            """
        let level = ReadingLevel(path: "x.md", text: text)
        #expect(level.sentences == 6)
        // "1." and "-" are list markers, not words.
        #expect(level.words == 33)
    }

    @Test func measuresWhatAReaderSeesOfMarkdown() {
        let markdown = """
            ## What we ask

            Please read [our website]({{school.website}}) and talk to **{{school.name}}** first.

            - Be kind
            - Be fair
            """
        let level = ReadingLevel(path: "x.md", markdown: markdown)
        // Headings and list items are sentences; the link's address and the values are left out.
        #expect(level.sentences == 4)
        #expect(level.words == 3 + 8 + 2 + 2)
    }

    @Test func measuresTheSharedDocumentsThenEachSchoolsSections() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let levels = ReadingLevel.measure(root: fixture.root)
        #expect(levels.map(\.path) == [
            "Content/code-of-conduct.md", "Content/easy-read.md", "Content/parent-letter.md",
            "Schools/alpha-academy/sections/a-welcome.md", "Schools/alpha-academy/sections/b-purpose-at-alpha.md",
            "Schools/alpha-academy/sections/c-contact.md", "Schools/alpha-academy/sections/d-easy-read-contact.md",
        ])
        #expect(levels.allSatisfy { $0.words > 0 && $0.sentences > 0 })
        // Front matter is not text: the Code's metadata would add words such as "approved_by".
        let code = try #require(levels.first)
        let body = try fixture.read("Content/code-of-conduct.md")
        #expect(!body.isEmpty && code.words < body.split(whereSeparator: \.isWhitespace).count)
        #expect(ReadingLevel.measure(root: fixture.root, schools: ["beta-college"]).count == 3)
        #expect(levels.map(\.aim) == [12, 9, 12, 12, 12, 12, 9], "the Easy Read, and a section in it, aim lower")
    }
}
