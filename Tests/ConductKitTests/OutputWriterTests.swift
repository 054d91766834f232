import ConductKit
import Foundation
import Testing

/// The writer must never lose a previous site and never delete what it did not make.
@Suite final class OutputWriterTests {
    let parent: URL
    let output: URL
    let fileManager = FileManager.default

    init() throws {
        parent = fileManager.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
        output = parent.appendingPathComponent("Output")
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
    }

    deinit {
        try? fileManager.removeItem(at: parent)
    }

    private func file(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, contents: Data(text.utf8))
    }

    private func read(_ path: String) -> String? {
        try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Entries beside the output folder: a failed or finished write leaves no temporary folder.
    private var siblings: [String] {
        ((try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
    }

    @Test func writesANewFolderWithItsMarker() throws {
        try OutputWriter(destination: output).write([file("a/index.html", "A")])
        #expect(read("a/index.html") == "A")
        #expect(read(OutputWriter.markerName) != nil)
        #expect(read("README.md") == OutputWriter.readme)
        #expect(siblings == ["Output"])
    }

    @Test func replacesItsOwnPreviousOutputWhole() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("a/index.html", "old"), file("stale.html", "stale")])
        try writer.write([file("a/index.html", "new")])
        #expect(read("a/index.html") == "new")
        #expect(read("stale.html") == nil)
        #expect(siblings == ["Output"])
    }

    @Test func keepsNamedFoldersOfThePreviousOutput() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("a/index.html", "a1"), file("b/index.html", "b1")])
        try writer.write([file("a/index.html", "a2")], keeping: ["b"])
        #expect(read("a/index.html") == "a2")
        #expect(read("b/index.html") == "b1")
    }

    /// A rebuild of one school of many must not copy or relink the others: only the
    /// top-level entries that differ are swapped in, each whole.
    @Test func swapsInOnlyTheEntriesThatChanged() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("a/index.html", "a1"), file("a/assets/logo.svg", "<svg/>"), file("b/index.html", "b1"),
                          file("index.html", "list")])
        let inode = { (path: String) in
            (try? self.fileManager.attributesOfItem(atPath: self.output.appendingPathComponent(path).path))?[.systemFileNumber] as? NSNumber
        }
        let (outputBefore, aBefore, bBefore, logoBefore) = (inode(""), inode("a"), inode("b"), inode("a/assets/logo.svg"))
        try writer.write([file("a/index.html", "a2"), file("a/assets/logo.svg", "<svg/>"), file("b/index.html", "b1"),
                          file("index.html", "list")])
        #expect(read("a/index.html") == "a2")
        #expect(inode("") == outputBefore)
        #expect(inode("a") != aBefore, "a changed, so its folder is a new one")
        #expect(inode("a/assets/logo.svg") == logoBefore, "an unchanged file in it is a link to the old one")
        #expect(inode("b") == bBefore, "b did not change, so its folder stays")
        #expect(siblings == ["Output"])
    }

    @Test func aFolderThatLostAFileIsReplaced() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("a/index.html", "a"), file("a/old.html", "old")])
        try writer.write([file("a/index.html", "a")])
        #expect(read("a/index.html") == "a")
        #expect(read("a/old.html") == nil)
    }

    @Test func refusesAFolderItDidNotMake() throws {
        try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: output.appendingPathComponent("notes.txt"))
        #expect(throws: Diagnostic.self) { try OutputWriter(destination: output).write([file("index.html", "x")]) }
        #expect(read("notes.txt") == "precious")
        #expect(siblings == ["Output"])
    }

    @Test func acceptsAFreshCloneHoldingOnlyTheCommittedReadme() throws {
        try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
        try Data(OutputWriter.readme.utf8).write(to: output.appendingPathComponent("README.md"))
        try OutputWriter(destination: output).write([file("index.html", "x")])
        #expect(read("index.html") == "x")
    }

    @Test func refusesAnEditedReadme() throws {
        try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("my own notes".utf8).write(to: output.appendingPathComponent("README.md"))
        #expect(throws: Diagnostic.self) { try OutputWriter(destination: output).write([file("index.html", "x")]) }
        #expect(read("README.md") == "my own notes")
    }

    @Test func refusesASymbolicLinkAndLeavesItsTargetAlone() throws {
        let elsewhere = parent.appendingPathComponent("elsewhere")
        try fileManager.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent(OutputWriter.markerName))
        try fileManager.createSymbolicLink(at: output, withDestinationURL: elsewhere)
        #expect(throws: Diagnostic.self) { try OutputWriter(destination: output).write([file("index.html", "x")]) }
        #expect(fileManager.fileExists(atPath: elsewhere.appendingPathComponent(OutputWriter.markerName).path))
    }

    @Test func removesLinksInsideItsOwnOutputWithoutFollowingThem() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("index.html", "1")])
        let outside = parent.appendingPathComponent("outside")
        try fileManager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("safe".utf8).write(to: outside.appendingPathComponent("file.txt"))
        try fileManager.createSymbolicLink(at: output.appendingPathComponent("link"), withDestinationURL: outside)
        try writer.write([file("index.html", "2")])
        #expect(try String(contentsOf: outside.appendingPathComponent("file.txt"), encoding: .utf8) == "safe")
        #expect(read("index.html") == "2")
    }

    @Test func aFailedWriteLeavesThePreviousOutputUntouched() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("index.html", "previous")])
        // A file and a folder at the same path cannot both be written.
        #expect(throws: Diagnostic.self) {
            try writer.write([file("clash", "file"), file("clash/inner.html", "folder")])
        }
        #expect(read("index.html") == "previous")
        #expect(siblings == ["Output"])
    }

    @Test func refusesPathsThatClimbOutOfTheOutput() throws {
        #expect(throws: Diagnostic.self) { try OutputWriter(destination: output).write([file("../escape.html", "x")]) }
        #expect(!fileManager.fileExists(atPath: parent.appendingPathComponent("escape.html").path))
        #expect(siblings.isEmpty)
    }

    private func inode(_ url: URL) -> NSNumber? {
        (try? fileManager.attributesOfItem(atPath: url.path))?[.systemFileNumber] as? NSNumber
    }

    /// An entry replaced by a link to a folder elsewhere: its unchanged bytes are not
    /// hard-linked through it, the entry becomes a real folder again, and the folder
    /// elsewhere is neither changed nor deleted.
    @Test func neverLinksThroughALinkThatReplacedAnEntry() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("a/index.html", "same"), file("a/letter.html", "old")])
        let elsewhere = parent.appendingPathComponent("elsewhere")
        try fileManager.moveItem(at: output.appendingPathComponent("a"), to: elsewhere)
        try fileManager.createSymbolicLink(at: output.appendingPathComponent("a"), withDestinationURL: elsewhere)
        try writer.write([file("a/index.html", "same"), file("a/letter.html", "new")])
        let entry = try fileManager.attributesOfItem(atPath: output.appendingPathComponent("a").path)
        #expect(entry[.type] as? FileAttributeType == .typeDirectory)
        #expect(inode(output.appendingPathComponent("a/index.html")) != inode(elsewhere.appendingPathComponent("index.html")))
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("letter.html"), encoding: .utf8) == "old")
        #expect(read("a/letter.html") == "new")
    }

    /// A link planted inside an entry that did not otherwise change is removed (as a
    /// link: what it points to stays).
    @Test func aLinkPlantedInsideAnUnchangedEntryDoesNotSurvive() throws {
        let writer = OutputWriter(destination: output)
        let files = [file("a/index.html", "A"), file("a/assets/site.css", "css")]
        try writer.write(files)
        let outside = parent.appendingPathComponent("outside")
        try fileManager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("safe".utf8).write(to: outside.appendingPathComponent("file.txt"))
        let planted = output.appendingPathComponent("a/assets/etc-link")
        try fileManager.createSymbolicLink(at: planted, withDestinationURL: outside)
        try writer.write(files)
        #expect((try? fileManager.destinationOfSymbolicLink(atPath: planted.path)) == nil)
        #expect(read("a/index.html") == "A")
        #expect(try String(contentsOf: outside.appendingPathComponent("file.txt"), encoding: .utf8) == "safe")
    }

    /// A file put into the output by hand, even with the very bytes the build makes, is
    /// not carried over: only files the writer made are linked into the next output.
    @Test func aFileWithTheRightBytesPutThereByHandIsNotReused() throws {
        let writer = OutputWriter(destination: output)
        try writer.write([file("a/index.html", "A")])
        let page = output.appendingPathComponent("a/index.html")
        let foreign = parent.appendingPathComponent("foreign.html")
        try Data("A".utf8).write(to: foreign)
        try fileManager.removeItem(at: page)
        try fileManager.linkItem(at: foreign, to: page)
        try writer.write([file("a/index.html", "A")])
        #expect(inode(page) != inode(foreign))
        #expect(read("a/index.html") == "A")
    }

    /// Linking a file and removing the link changes only its status-change time: a
    /// write that fails after linking files of the previous output does not make the
    /// next one write them, or swap their folder, again.
    @Test func aFailedWriteDoesNotMakeTheNextOneRewriteWhatItLinked() throws {
        let writer = OutputWriter(destination: output)
        let files = [file("a/index.html", "A"), file("a/assets/logo.svg", "<svg/>")]
        try writer.write(files)
        let (folder, logo) = (inode(output.appendingPathComponent("a")), inode(output.appendingPathComponent("a/assets/logo.svg")))
        #expect(throws: Diagnostic.self) {
            try writer.write(files + [file("clash", "file"), file("clash/inner.html", "folder")])
        }
        try writer.write(files + [file("b/index.html", "B")])
        #expect(inode(output.appendingPathComponent("a")) == folder)
        #expect(inode(output.appendingPathComponent("a/assets/logo.svg")) == logo)
        #expect(read("b/index.html") == "B")
    }
}
