import Foundation
import TestSupport
import Testing

/// A rebuild renders only the schools whose inputs changed and rewrites only the files
/// whose bytes changed; the rest are carried over as hard links to the same files.
@Suite struct IncrementalBuildTests {
    /// The inode of every file below `folder`: equal inodes mean a file was not rewritten.
    private func inodes(_ folder: URL) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        for case let path as String in enumerator {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
            if attributes?[.type] as? FileAttributeType == .typeRegular, let inode = attributes?[.systemFileNumber] as? NSNumber {
                result[path] = inode.uint64Value
            }
        }
        return result
    }

    private func rewritten(_ before: [String: UInt64], _ after: [String: UInt64]) -> [String] {
        after.filter { before[$0.key] != $0.value }.keys.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }

    @Test func aRebuildWithNothingChangedRewritesNoPage() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        let before = inodes(fixture.url("Output")), bytes = snapshot(fixture.url("Output"))
        let run = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" (2 unchanged since the last build) -> Output/"), "\(run.stdout)")
        #expect(rewritten(before, inodes(fixture.url("Output"))) == [])
        #expect(snapshot(fixture.url("Output")) == bytes)
    }

    /// Nothing is written at all: not even the school folders are replaced.
    @Test func aRebuildForAnotherTimeThatPublishesTheSamePagesLeavesTheOutputAlone() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        let folders = ["", "alpha-academy", "beta-college"].map { fixture.url("Output/" + $0).path }
        let before = try folders.map { try FileManager.default.attributesOfItem(atPath: $0)[.systemFileNumber] as? NSNumber }
        let record = try fixture.read("Output/.conduct-build.json")
        let run = try conduct(["build", "--as-of", "2026-10-02T18:30"], in: fixture.root)
        #expect(run.stdout.contains("(2 unchanged since the last build)"), "\(run.stdout)")
        let after = try folders.map { try FileManager.default.attributesOfItem(atPath: $0)[.systemFileNumber] as? NSNumber }
        #expect(after == before)
        #expect(try fixture.read("Output/.conduct-build.json") == record)
    }

    @Test func editingOneSchoolsSectionRebuildsOnlyThatSchool() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        let before = inodes(fixture.url("Output"))
        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path) + "\nWe have a new parent forum.\n", to: path)
        let run = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(run.stdout.contains("(1 unchanged since the last build)"), "\(run.stdout)")
        #expect(rewritten(before, inodes(fixture.url("Output"))) == ["alpha-academy/code-of-conduct/index.html"])
        #expect(try fixture.read("Output/alpha-academy/code-of-conduct/index.html").contains("new parent forum"))
    }

    @Test func sharedContentTimeAndDraftsRebuildEverySchool() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        // Into the campaign week: the banner appears on every page of both schools.
        let week = try conduct(["build", "--as-of", "2026-11-16"], in: fixture.root)
        #expect(!week.stdout.contains("unchanged"), "\(week.stdout)")
        #expect(try fixture.read("Output/beta-college/index.html").contains("campaign-banner"))
        try fixture.write(try fixture.read("Content/code-of-conduct.md") + "\nOne more sentence.\n", to: "Content/code-of-conduct.md")
        let edited = try conduct(["build", "--as-of", "2026-11-16"], in: fixture.root)
        #expect(!edited.stdout.contains("unchanged"), "\(edited.stdout)")
        #expect(try fixture.read("Output/beta-college/code-of-conduct/index.html").contains("One more sentence."))
        let drafts = try conduct(["build", "--as-of", "2026-11-16", "--drafts"], in: fixture.root)
        #expect(!drafts.stdout.contains("unchanged"), "\(drafts.stdout)")
    }

    @Test func aSchoolWhoseFolderWasRemovedFromTheOutputIsBuiltAgain() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build"], in: fixture.root).status == 0)
        try FileManager.default.removeItem(at: fixture.url("Output/beta-college"))
        let run = try conduct(["build"], in: fixture.root)
        #expect(run.stdout.contains("(1 unchanged since the last build)"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/beta-college/index.html").path))
    }

    /// A no-change build checks the output against its record (one lstat per file, a
    /// listing per folder) and makes again only the schools that differ: an edited or
    /// deleted page, a file or folder added, a link planted. The rest is not rewritten.
    @Test func aRebuildPutsBackWhateverWasChangedInTheOutputByHand() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let fileManager = FileManager.default
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        let built = snapshot(fixture.url("Output")).filter { $0.key != ".conduct-build.json" }
        let outside = fixture.url("outside")
        try fixture.write("not conduct's", to: "outside/file.txt")

        let damage: [(String, () throws -> Void)] = [
            ("an edited page", { try fixture.write("<p>edited</p>", to: "Output/alpha-academy/index.html") }),
            ("an edit that keeps the size and time", {
                let page = fixture.url("Output/alpha-academy/letter/index.html")
                let attributes = try fileManager.attributesOfItem(atPath: page.path)
                var bytes = try Data(contentsOf: page)
                bytes[bytes.count - 2] = UInt8(ascii: "X")
                try bytes.write(to: page)
                try fileManager.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: page.path)
            }),
            ("a deleted page", { try fileManager.removeItem(at: fixture.url("Output/alpha-academy/404.html")) }),
            ("an added file", { try fixture.write("extra", to: "Output/alpha-academy/extra.html") }),
            ("an added empty folder", {
                try fileManager.createDirectory(at: fixture.url("Output/alpha-academy/empty"), withIntermediateDirectories: false)
            }),
            ("a planted link", {
                try fileManager.createSymbolicLink(at: fixture.url("Output/alpha-academy/assets/etc-link"), withDestinationURL: outside)
            }),
        ]
        for (what, change) in damage {
            try change()
            let run = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
            #expect(run.status == 0, "\(what): \(run.stderr)")
            #expect(run.stdout.contains("(1 unchanged since the last build)"), "\(what): \(run.stdout)")
            #expect(snapshot(fixture.url("Output")).filter { $0.key != ".conduct-build.json" } == built, "\(what)")
        }
        #expect(try fixture.read("outside/file.txt") == "not conduct's")

        // Something added at the top is removed; no school needs making again.
        try fixture.write("stray", to: "Output/stray.html")
        let run = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(run.stdout.contains("(2 unchanged since the last build)"), "\(run.stdout)")
        #expect(!fileManager.fileExists(atPath: fixture.url("Output/stray.html").path))
    }

    /// Root reads a folder whatever its permissions, so a folder that a web server could
    /// no longer read after a `chmod` looks whole to a build run as root: its
    /// permissions are part of what the build checks.
    @Test func aFolderWhosePermissionsWereChangedIsMadeAgain() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let fileManager = FileManager.default
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        func permissions(_ path: String) throws -> Int {
            try (fileManager.attributesOfItem(atPath: fixture.url(path).path)[.posixPermissions] as? Int) ?? -1
        }
        let made = try permissions("Output/alpha-academy/letter")
        try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: fixture.url("Output/alpha-academy/letter").path)
        let run = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("(1 unchanged since the last build)"), "\(run.stdout)")
        #expect(try permissions("Output/alpha-academy/letter") == made)
    }

    /// The case: a school's output folder replaced by a link to a folder
    /// elsewhere. The rebuild makes a real folder and neither links to nor changes
    /// anything in the other one.
    @Test func aSchoolFolderReplacedByALinkIsMadeAgainWithoutTouchingItsTarget() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let fileManager = FileManager.default
        #expect(try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root).status == 0)
        let elsewhere = fixture.url("elsewhere")
        try fileManager.moveItem(at: fixture.url("Output/beta-college"), to: elsewhere)
        try fileManager.createSymbolicLink(at: fixture.url("Output/beta-college"), withDestinationURL: elsewhere)
        let outsideBefore = snapshot(elsewhere)
        let path = "Schools/beta-college/school.yml"
        try fixture.write(try fixture.read(path).replacingOccurrences(of: "town: ", with: "town: Upper "), to: path)

        let run = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = try fileManager.attributesOfItem(atPath: fixture.url("Output/beta-college").path)
        #expect(folder[.type] as? FileAttributeType == .typeDirectory)
        #expect(inodes(fixture.url("Output/beta-college")).values.allSatisfy { !Set(inodes(elsewhere).values).contains($0) })
        #expect(snapshot(elsewhere) == outsideBefore)
    }
}
