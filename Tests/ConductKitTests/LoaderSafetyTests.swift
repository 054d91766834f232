@testable import ConductKit
import Foundation
import Glibc
import TestSupport
import Testing

/// What the loader does with inputs that fixture overlays cannot hold: links, names
/// that are not UTF-8, huge sparse files. Each one is reported where it is; none is
/// skipped without a word, and none is read into memory when it need not be.
@Suite struct LoaderSafetyTests {
    private func link(_ fixture: FixtureSite, _ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: fixture.url(path).path, withDestinationPath: target)
    }

    /// Creates a file of `size` bytes that takes no disk space (a sparse file).
    private func sparseFile(_ fixture: FixtureSite, _ path: String, size: Int) throws {
        let descriptor = open(fixture.url(path).path, O_CREAT | O_WRONLY, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(ftruncate(descriptor, off_t(size)) == 0)
    }

    /// Creates an empty file whose name ends with the byte 0xE9 (Latin-1 "é").
    private func fileWithLatin1Name(in folder: URL, stem: String, suffix: String = "") throws {
        let path = Array(folder.path.utf8) + Array("/\(stem)".utf8) + [0xE9] + Array(suffix.utf8) + [0]
        let descriptor = path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
    }

    private func directoryWithLatin1Name(in folder: URL, stem: String) throws -> URL {
        let path = Array(folder.path.utf8) + Array("/\(stem)".utf8) + [0xE9, 0]
        let made = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } }
        try #require(made == 0)
        return folder
    }

    @Test func aSchoolFolderThatIsALinkIsAnErrorNotASkippedSchool() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try link(fixture, "Schools/gamma-school", to: fixture.url("Schools/beta-college").path)
        #expect(diagnostics(of: fixture) == [
            "Schools/gamma-school:1:1: error: this is a symbolic link, which conduct does not follow\n"
                + "    hint: put the file or folder itself here; a link could lead outside the site",
        ])
    }

    @Test func aSectionsFolderThatIsALinkIsAnError() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try link(fixture, "Schools/beta-college/sections", to: fixture.url("Schools/alpha-academy/sections").path)
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "Schools/beta-college/sections:1:1: error: this is a symbolic link, which conduct does not follow") == true)
    }

    @Test func aLogoThatIsALinkIsReportedAsALinkAtItsLine() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let logo = fixture.url("Schools/alpha-academy/logo.svg")
        try FileManager.default.moveItem(at: logo, to: fixture.url("real-logo.svg"))
        try link(fixture, "Schools/alpha-academy/logo.svg", to: fixture.url("real-logo.svg").path)
        #expect(diagnostics(of: fixture) == [
            "Schools/alpha-academy/school.yml:11:7: error: 'Schools/alpha-academy/logo.svg' is a symbolic link, which conduct does not follow\n"
                + "    hint: put the file or folder itself here; a link could lead outside the site",
        ])
    }

    @Test func namesThatAreNotUTF8OrHoldControlCharactersAreReportedWithTheirBytesShown() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        // A newline in a name could forge a line of diagnostics.
        try fixture.write("---\nafter: keeping-safe\n---\n## New\n", to: "Schools/alpha-academy/sections/new\nline.md")
        try fileWithLatin1Name(in: fixture.url("Schools/alpha-academy/sections"), stem: "caf", suffix: ".md")
        _ = try directoryWithLatin1Name(in: fixture.url("Schools"), stem: "ecole-")
        // A right-to-left override would show this name as "notestxt.md".
        try fixture.write("x", to: "Schools/alpha-academy/sections/notes\u{202E}dm.txt")
        let hint = "\n    hint: rename it using letters, digits and hyphens"
        #expect(diagnostics(of: fixture) == [
            "Schools/alpha-academy/sections/caf\\xE9.md:1:1: error: this name is not UTF-8 text, or holds control characters (shown as \\xNN)" + hint,
            "Schools/alpha-academy/sections/new\\x0Aline.md:1:1: error: this name is not UTF-8 text, or holds control characters (shown as \\xNN)" + hint,
            "Schools/alpha-academy/sections/notes\\xE2\\x80\\xAEdm.txt:1:1: error: this name is not UTF-8 text, or holds control characters (shown as \\xNN)" + hint,
            "Schools/ecole-\\xE9:1:1: error: this name is not UTF-8 text, or holds control characters (shown as \\xNN)" + hint,
        ])
    }

    @Test func aHugeSparseLogoIsRefusedWithoutBeingRead() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try sparseFile(fixture, "Schools/alpha-academy/logo.svg", size: 6 << 30)
        let tree = SourceTree.read(root: fixture.root)
        #expect(tree.entries["Schools/alpha-academy/logo.svg"] == .tooLarge(size: 6 << 30, limit: SizeLimit.image))
        #expect(diagnostics(of: fixture) == [
            "Schools/alpha-academy/school.yml:11:7: error: 'Schools/alpha-academy/logo.svg' is 6 GB, over the 5 MB limit for its kind of file\n"
                + "    hint: YAML, Markdown and templates may be up to 2 MB, a logo or a file of Templates/assets/ up to 5 MB, an icon of Content/icons/ up to 4 KB",
        ])
    }

    @Test func aLargeSectionIsRefusedAtItsPath() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try sparseFile(fixture, "Schools/alpha-academy/sections/d-huge.md", size: SizeLimit.text + 200_000)
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "Schools/alpha-academy/sections/d-huge.md:1:1: error: this file is 2.2 MB, over the 2 MB limit for its kind of file") == true)
    }

    @Test func aStrayVideoIsReportedButNeverRead() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try sparseFile(fixture, "Schools/alpha-academy/assembly.mp4", size: 3 << 30)
        #expect(SourceTree.read(root: fixture.root).entries["Schools/alpha-academy/assembly.mp4"] == .notRead(size: 3 << 30))
        #expect(diagnostics(of: fixture).first?.hasPrefix(
            "Schools/alpha-academy/assembly.mp4:1:1: error: this file is not used by the site") == true)
    }

    @Test func theDigestCoversFilesThatAreNotRead() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("one", to: "Schools/alpha-academy/notes.txt")
        let before = SourceTree.read(root: fixture.root).digests()
        try fixture.write("one more", to: "Schools/alpha-academy/notes.txt")
        #expect(SourceTree.read(root: fixture.root).digests().digest(of: "Schools/alpha-academy")
            != before.digest(of: "Schools/alpha-academy"))
    }

    @Test func aByteOrderMarkAndWindowsLineEndingsAreRead() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("\u{FEFF}---\r\nafter: keeping-safe\r\n---\r\n## From Windows\r\n\r\nHello.\r\n",
                          to: "Schools/alpha-academy/sections/d-windows.md")
        try fixture.write("\u{FEFF}" + (try fixture.read("Schools/beta-college/school.yml")), to: "Schools/beta-college/school.yml")
        #expect(diagnostics(of: fixture).isEmpty)
        let code = try #require(try renderedFiles(of: fixture)["alpha-academy/code-of-conduct/index.html"])
        #expect(code.contains(">From Windows</h2>"))
    }

    /// A Markdown file or a template goes into pages and letter.txt as it is written, so
    /// a pasted escape character, a right-to-left override or a lone carriage return
    /// (which cmark reads as a line break the locations would not count) is refused
    /// where it stands.
    @Test func controlCharactersInMarkdownAndTemplatesAreRefusedWhereTheyAre() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("---\r\nafter: keeping-safe\r\n---\r\n## Red\r\n\r\nSee \u{1B}[31mthis.\r\n",
                          to: "Schools/alpha-academy/sections/d-red.md")
        try fixture.write("<p>é \u{202E}txet</p>\n", to: "Schools/beta-college/templates/partials/footer.mustache")
        try fixture.write("---\nafter: keeping-safe\n---\n## Old Mac\rHello.\n", to: "Schools/beta-college/sections/mac.md")
        #expect(diagnostics(of: fixture) == [
            """
            Schools/alpha-academy/sections/d-red.md:6:5: error: this file holds the control character U+001B, which would reach pages and terminals unseen
                hint: delete it and retype the text around it; it may have been pasted in with the text
            """,
            """
            Schools/beta-college/sections/mac.md:4:11: error: this file holds the control character U+000D, which would reach pages and terminals unseen
                hint: delete it and retype the text around it; it may have been pasted in with the text
            """,
            """
            Schools/beta-college/templates/partials/footer.mustache:1:6: error: this file holds the control character U+202E, which would reach pages and terminals unseen
                hint: delete it and retype the text around it; it may have been pasted in with the text
            """,
        ])
    }

    @Test func aRightToLeftOverrideInAValueIsRefused() {
        var diagnostics: [Diagnostic] = []
        let yaml = YAMLMapping.parse("name: \"Alpha \\u202Eymedaca\"\n", path: "x.yml", what: "x.yml", diagnostics: &diagnostics)
        #expect(yaml?.string("name", diagnostics: &diagnostics) == nil)
        #expect(diagnostics == [Diagnostic(.controlCharacter(key: "name", code: 0x202E), at: SourceLocation(path: "x.yml", line: 1, column: 7))])
    }

    @Test func markdownNestedThousandsDeepIsRefusedBeforeCmarkReadsIt() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let front = "---\nafter: keeping-safe\n---\n## Deep\n\n"
        try fixture.write(front + String(repeating: ">", count: 10_000) + " x\n", to: "Schools/alpha-academy/sections/d-quotes.md")
        let indented = (0..<1_400).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n")
        try fixture.write(front + indented + "\n", to: "Schools/alpha-academy/sections/e-lists.md")
        try fixture.write(front + "> - 1. x\n\n```\n" + String(repeating: "> ", count: 40) + "\n```\n",
                          to: "Schools/alpha-academy/sections/f-shallow.md")
        let hint = "\n    hint: a page needs only a few levels; check the '>' and list markers at the start of the line"
        #expect(diagnostics(of: fixture) == [
            "Schools/alpha-academy/sections/d-quotes.md:6:33: error: block quotes and lists are nested more than 32 levels deep here" + hint,
            "Schools/alpha-academy/sections/e-lists.md:38:65: error: block quotes and lists are nested more than 32 levels deep here" + hint,
        ])
    }

    @Test func aLogoLineWithAnErrorDoesNotMakeTheLogoLookUnused() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let path = "Schools/alpha-academy/school.yml"
        try fixture.write(try fixture.read(path).replacingOccurrences(of: "logo: logo.svg", with: "logo: [logo.svg]"), to: path)
        #expect(diagnostics(of: fixture).map { $0.prefix { $0 != "\n" } } == [
            "Schools/alpha-academy/school.yml:11:7: error: 'logo' must be a single value",
        ])
    }

    @Test func aKeyGivenTwiceIsOneErrorAtItsFirstLine() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("---\nafter: keeping-safe\nafter: purpose\n---\n## Twice\n", to: "Schools/alpha-academy/sections/d-twice.md")
        #expect(diagnostics(of: fixture) == [
            "Schools/alpha-academy/sections/d-twice.md:2:1: error: key 'after' is given more than once\n"
                + "    hint: this is the first; keep one of them, as only one value can count",
        ])
    }

    @Test func aLongVersionIsRefusedBecauseItNamesPublishedFiles() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let path = "Content/code-of-conduct.md"
        let text = try fixture.read(path)
        let version = try #require(text.split(separator: "\n").first { $0.hasPrefix("version:") })
        try fixture.write(text.replacingOccurrences(of: version, with: "version: " + String(repeating: "1.", count: 20) + "0"),
                          to: path)
        #expect(diagnostics(of: fixture).first?.contains("error: 'version' is longer than 32 characters") == true)
    }
}

@Suite struct YAMLAnchorTests {
    /// Line and column of the first anchor or alias.
    private func anchor(in yaml: String) -> [Int]? {
        YAMLMapping.firstRefusedConstruct(in: yaml).map { [$0.line, $0.column] }
    }

    @Test func anchorsAndAliasesAreFoundWhereValuesStart() {
        #expect(anchor(in: "name: &n Beta\ntown: *n\n") == [1, 7])
        #expect(anchor(in: "list:\n  - *a\n") == [2, 5])
        #expect(anchor(in: "list: [x, *a]\n") == [1, 11])
        #expect(anchor(in: "? *key\n: value\n") == [1, 3])
        #expect(anchor(in: "name: !!str &n Beta\n") == [1, 13])
        #expect(anchor(in: "name: [é, &n Beta]\n") == [1, 11], "columns count characters, not bytes")
    }

    @Test func ampersandsAndAsterisksInsideValuesAreText() {
        #expect(anchor(in: "name: Smith & Sons, *not* an alias\n") == nil)
        #expect(anchor(in: "name: \"*quoted*\"\nother: '&also ''quoted'''\n") == nil)
        #expect(anchor(in: "banner: |\n  * a list item\n  & more\ntown: Widnes # *comment\n") == nil)
        #expect(anchor(in: "name: \"two\n  *lines*\"\n") == nil)
    }

    @Test func aBillionLaughsDocumentIsRefusedBeforeYamsExpandsIt() {
        var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "? *i\n: boom\n"
        var diagnostics: [Diagnostic] = []
        #expect(YAMLMapping.parse(yaml, path: "x.yml", what: "x.yml", diagnostics: &diagnostics) == nil)
        #expect(diagnostics == [Diagnostic(.yamlAnchor, at: SourceLocation(path: "x.yml", line: 1, column: 4))])
    }

    @Test func deepNestingIsRefusedBeforeYamsRecursesIntoIt() {
        var diagnostics: [Diagnostic] = []
        let brackets = "key: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(YAMLMapping.parse(brackets, path: "x.yml", what: "x.yml", diagnostics: &diagnostics) == nil)
        let indented = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(YAMLMapping.parse(indented, path: "x.yml", what: "x.yml", diagnostics: &diagnostics) == nil)
        #expect(diagnostics == [
            Diagnostic(.yamlTooDeep(maximum: 32), at: SourceLocation(path: "x.yml", line: 1, column: 37)),
            Diagnostic(.yamlTooDeep(maximum: 32), at: SourceLocation(path: "x.yml", line: 33, column: 33)),
        ])
    }

    @Test func aHugeValueIsRefused() {
        var diagnostics: [Diagnostic] = []
        let yaml = YAMLMapping.parse("name: " + String(repeating: "x", count: 1_001) + "\n", path: "x.yml", what: "x.yml",
                                     diagnostics: &diagnostics)
        #expect(yaml?.string("name", diagnostics: &diagnostics) == nil)
        #expect(diagnostics == [Diagnostic(.valueTooLong(key: "name", maximum: 1_000), at: SourceLocation(path: "x.yml", line: 1, column: 7))])
    }

    @Test func controlCharactersInValuesAreRefused() {
        var diagnostics: [Diagnostic] = []
        let yaml = YAMLMapping.parse("name: \"Red \\e[31m\"\ntown: \"Tab\\tand\\nnewline\"\n", path: "x.yml", what: "x.yml",
                                     diagnostics: &diagnostics)
        #expect(yaml?.string("name", diagnostics: &diagnostics) == nil)
        #expect(yaml?.string("town", diagnostics: &diagnostics)?.value == "Tab\tand\nnewline")
        #expect(diagnostics == [Diagnostic(.controlCharacter(key: "name", code: 0x1B), at: SourceLocation(path: "x.yml", line: 1, column: 7))])
    }
}
