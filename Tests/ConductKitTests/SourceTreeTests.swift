@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// The digests decide what a build may skip, so each must change exactly when its
/// files do.
@Suite struct SourceTreeTests {
    @Test func readsEveryFileTheSiteUsesWholeAndSkipsHiddenOnes() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let long = String(repeating: "A line of a long section.\n", count: 1_000)
        try fixture.write(long, to: "Schools/alpha-academy/sections/notes.md")
        try fixture.write("", to: "Schools/alpha-academy/sections/empty.md")
        try fixture.write("secret", to: "Schools/alpha-academy/.hidden")
        try fixture.write("not for the site", to: "Schools/alpha-academy/notes.txt")
        let tree = SourceTree.read(root: fixture.root)
        guard case .file(let data)? = tree.entries["Schools/alpha-academy/sections/notes.md"] else {
            Issue.record("notes.md was not read")
            return
        }
        #expect(String(decoding: data, as: UTF8.self) == long)
        #expect(tree.entries["Schools/alpha-academy/sections/empty.md"] == .file(Data()))
        #expect(tree.entries["Schools/alpha-academy/notes.txt"] == .notRead(size: 16))
        #expect(tree.entries["Schools/alpha-academy/.hidden"] == nil)
        #expect(!tree.names(in: "Schools/alpha-academy").contains(".hidden"))
    }

    @Test func anEditChangesTheDigestsOfItsSchoolAndTheWholeSiteOnly() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let before = SourceTree.read(root: fixture.root).digests()
        #expect(SourceTree.read(root: fixture.root).digests() == before, "reading twice gives the same digests")

        let path = "Schools/beta-college/school.yml"
        try fixture.write(try fixture.read(path) + "\n", to: path)
        let after = SourceTree.read(root: fixture.root).digests()
        #expect(after.digest(of: "Schools/beta-college") != before.digest(of: "Schools/beta-college"))
        #expect(after.whole != before.whole)
        for area in ["Content", "Templates", "Schools/alpha-academy"] {
            #expect(after.digest(of: area) == before.digest(of: area), "\(area)")
        }
    }

    @Test func aRenameIsAChange() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let before = SourceTree.read(root: fixture.root).digests()
        let sections = fixture.url("Schools/alpha-academy/sections")
        try FileManager.default.moveItem(at: sections.appendingPathComponent("a-welcome.md"),
                                         to: sections.appendingPathComponent("b-welcome.md"))
        #expect(SourceTree.read(root: fixture.root).digests().digest(of: "Schools/alpha-academy")
            != before.digest(of: "Schools/alpha-academy"))
    }
}
