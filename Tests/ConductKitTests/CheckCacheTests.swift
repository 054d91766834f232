@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// A build keeps, beside its record, what loading and checking each school found
/// (`BuildRecord.CheckedSchool`), so that the next build reads only the schools whose
/// files changed; every problem is still reported and the pages stay the same.
@Suite struct CheckCacheTests {
    private func build(_ fixture: FixtureSite, asOf: Date = ordinaryDay) async throws -> Pipeline.Summary {
        try await Pipeline.build(Pipeline.Request(root: fixture.root, output: fixture.url("Output"), asOf: asOf))
    }

    /// The problems a build refuses the site for, as printed.
    private func problems(_ fixture: FixtureSite) async -> [String] {
        do {
            _ = try await build(fixture)
            return []
        } catch let Pipeline.Failure.invalidSite(diagnostics) {
            return diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    private func recordText(_ fixture: FixtureSite) throws -> String {
        try fixture.read("Output/\(BuildRecord.fileName)")
    }

    private func record(_ fixture: FixtureSite) throws -> BuildRecord {
        try #require(BuildRecord.decode(Data(recordText(fixture).utf8)))
    }

    private func appendSentence(_ text: String, to path: String, in fixture: FixtureSite) throws {
        try fixture.write(try fixture.read(path) + "\n\(text)\n", to: path)
    }

    private func outputFiles(_ fixture: FixtureSite) throws -> [String: Data] {
        let folder = fixture.url("Output")
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! where !path.hasPrefix(".") {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        }
        return files
    }

    @Test func recordsEverySchoolThatHadNoProblem() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let first = try await build(fixture)
        #expect(first.checkedEarlier == 0)
        let checked = try record(fixture).checked
        #expect(checked.keys.sorted() == ["alpha-academy", "beta-college"])
        #expect(checked["alpha-academy"]?.name == "Alpha Academy")
        #expect(checked["alpha-academy"]?.sections.map(\.path) == [
            "Schools/alpha-academy/sections/a-welcome.md", "Schools/alpha-academy/sections/b-purpose-at-alpha.md",
            "Schools/alpha-academy/sections/c-contact.md", "Schools/alpha-academy/sections/d-easy-read-contact.md",
        ])
    }

    @Test func aChangedSchoolIsReadAgainAndTheOthersAreNot() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        try appendSentence("We have a new parent forum.", to: "Schools/alpha-academy/sections/a-welcome.md", in: fixture)
        let summary = try await build(fixture)
        #expect(summary.checkedEarlier == 1)
        #expect(summary.unchanged == 1)
        #expect(summary.schools == 2)
        #expect(try fixture.read("Output/alpha-academy/code-of-conduct/index.html").contains("new parent forum"))
        // The letter and the index still list both schools.
        #expect(try fixture.read("Output/index.html").contains("Beta College"))
        #expect(try fixture.read("Output/alpha-academy/letter/index.html").contains("Beta College"))
    }

    @Test func aProblemInAChangedSchoolIsReportedAndNeverRecorded() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        let recorded = try recordText(fixture)
        try fixture.write("---\nafter: purpose\n---\n## More\n\nAsk {{school.nickname}}.\n",
                          to: "Schools/alpha-academy/sections/d-more.md")
        let first = await problems(fixture)
        #expect(first.contains { $0.hasPrefix("Schools/alpha-academy/sections/d-more.md:6:") }, "\(first)")
        #expect(try recordText(fixture) == recorded)
        // Nothing changed since: the same problems, again and again.
        #expect(await problems(fixture) == first)
        #expect(await problems(fixture) == first)
    }

    @Test func aSchoolWithAProblemIsCheckedAgainOnceTheOthersAreFixed() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        try fixture.write("---\nafter: purpose\n---\n## More\n\nAsk {{school.nickname}}.\n",
                          to: "Schools/alpha-academy/sections/d-more.md")
        try fixture.write("slug: beta-college\nname: Beta College\n", to: "Schools/beta-college/school.yml")
        let both = await problems(fixture)
        #expect(both.contains { $0.hasPrefix("Schools/alpha-academy/") } && both.contains { $0.hasPrefix("Schools/beta-college/") },
                "\(both)")
        // Beta fixed: Alpha, unchanged, still has its problem.
        try fixture.write(try String(contentsOf: FixtureSite.fixtures.appendingPathComponent("site/Schools/beta-college/school.yml"),
                                     encoding: .utf8),
                          to: "Schools/beta-college/school.yml")
        let alpha = await problems(fixture)
        #expect(!alpha.isEmpty && alpha.allSatisfy { $0.hasPrefix("Schools/alpha-academy/") }, "\(alpha)")
    }

    @Test func aDamagedRecordIsIgnoredAndTheBuildIsTheSame() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        let clean = try outputFiles(fixture)
        let text = try recordText(fixture)
        try appendSentence("One more sentence.", to: "Schools/alpha-academy/sections/a-welcome.md", in: fixture)
        try fixture.write(String(text.prefix(text.count / 2)), to: "Output/\(BuildRecord.fileName)")
        let summary = try await build(fixture)
        #expect(summary.checkedEarlier == 0)
        #expect(summary.unchanged == 0)
        let rebuilt = try outputFiles(fixture)
        #expect(rebuilt.keys.sorted() == clean.keys.sorted())
        #expect(rebuilt.filter { clean[$0.key] != $0.value }.keys.sorted() == ["alpha-academy/code-of-conduct/index.html"])
    }

    /// An entry whose key no longer matches (another generator, other shared files, or
    /// written by hand) is not believed: the school is read, and its name comes from
    /// its own files.
    @Test func aStaleEntryIsIgnored() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        var stale = try record(fixture)
        stale.checked["beta-college"]?.key = "made by another version"
        stale.checked["beta-college"]?.name = "Not Beta At All"
        stale.schools = [:]
        stale.build = nil
        try stale.encoded().write(to: fixture.url("Output/\(BuildRecord.fileName)"))
        let summary = try await build(fixture)
        #expect(summary.checkedEarlier == 1)
        #expect(try fixture.read("Output/index.html").contains("Beta College"))
        #expect(try !fixture.read("Output/index.html").contains("Not Beta At All"))
        #expect(try record(fixture).checked["beta-college"]?.name == "Beta College")
    }

    @Test func aSharedFileChangedChecksEverySchoolAgain() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        try appendSentence("One more sentence.", to: "Content/code-of-conduct.md", in: fixture)
        let summary = try await build(fixture)
        #expect(summary.checkedEarlier == 0)
        #expect(try fixture.read("Output/beta-college/code-of-conduct/index.html").contains("One more sentence."))
    }

    /// A school not read whose pages must be made again (here its folder was removed
    /// from the output) is read after all, and its pages are as before.
    @Test func aSchoolCheckedEarlierWhosePagesAreMissingIsReadAndBuilt() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try await build(fixture)
        let clean = try outputFiles(fixture)
        try FileManager.default.removeItem(at: fixture.url("Output/beta-college"))
        try appendSentence("One more sentence.", to: "Schools/alpha-academy/sections/a-welcome.md", in: fixture)
        let summary = try await build(fixture)
        #expect(summary.checkedEarlier == 1)
        #expect(summary.unchanged == 0)
        let rebuilt = try outputFiles(fixture)
        #expect(rebuilt.filter { $0.key.hasPrefix("beta-college/") } == clean.filter { $0.key.hasPrefix("beta-college/") })
    }
}
