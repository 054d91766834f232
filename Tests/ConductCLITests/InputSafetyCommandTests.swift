import Foundation
import TestSupport
import Testing

/// The command line never leaves a broken school behind and never prints what a file
/// holds as terminal control sequences.
@Suite struct InputSafetyCommandTests {
    private func newSchool(_ slug: String, website: String = "https://new.example.sch.uk/", in fixture: FixtureSite) throws -> Run {
        try conduct(["new-school", slug, "--name", "New School", "--town", "Widnes", "--website", website], in: fixture.root)
    }

    @Test func newSchoolRefusesNamesTheOutputUsesAndCreatesNothing() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for slug in ["assets", "dist"] {
            let run = try newSchool(slug, in: fixture)
            #expect(run.status == 2)
            #expect(run.stderr.contains("'\(slug)' cannot be a slug: the output folder uses that name for the consortium's own files"))
            #expect(!FileManager.default.fileExists(atPath: fixture.url("Schools/\(slug)").path))
        }
        #expect(try conduct(["build"], in: fixture.root).status == 0)
    }

    @Test func newSchoolRefusesASlugTooLongForPublishedFileNames() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let slug = Array(repeating: "long", count: 14).joined(separator: "-")
        let run = try newSchool(slug, in: fixture)
        #expect(run.status == 2)
        #expect(run.stderr.contains("the slug is \(slug.count) characters long; at most 64 fit in the names of the files publishing writes"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Schools/\(slug)").path))
    }

    @Test func newSchoolWithAnInvalidValueCreatesNothing() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try newSchool("delta", website: "http://delta.example.sch.uk/", in: fixture)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Schools/delta/school.yml:5:10: error: 'website' must be an https:// address"))
        #expect(run.stderr.contains("Nothing was created"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Schools/delta").path))
        #expect(try conduct(["build"], in: fixture.root).status == 0)
    }

    @Test func controlCharactersFromFilesArePrintedEscaped() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Schools/beta-college/school.yml") + "\"ti\\e]0;owned\\atle\": x\n",
                          to: "Schools/beta-college/school.yml")
        let build = try conduct(["build"], in: fixture.root)
        #expect(build.status == 1)
        #expect(!build.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(build.stderr.contains("error: unknown key 'ti\\u{1B}]0;owned\\u{7}tle'"))

        try FileManager.default.createDirectory(at: fixture.url("Schools/evil\u{1B}[2J"), withIntermediateDirectories: true)
        let list = try conduct(["list"], in: fixture.root)
        #expect(!list.stdout.unicodeScalars.contains { $0.value == 0x1B })
        let named = try conduct(["build"], in: fixture.root)
        #expect(named.stderr.contains("Schools/evil\\x1B[2J:1:1: error: this name is not UTF-8 text, or holds control characters"))
    }

    /// A direction override would show the rest of the line in another order than it is
    /// written: the terminal gets it escaped, like the other control characters.
    @Test func directionOverridesFromFilesArePrintedEscaped() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Schools/beta-college/school.yml") + "\"gnp.\\u202Edm\": x\n",
                          to: "Schools/beta-college/school.yml")
        let build = try conduct(["build"], in: fixture.root)
        #expect(build.status == 1)
        #expect(!build.stderr.unicodeScalars.contains { $0.value == 0x202E })
        #expect(build.stderr.contains("error: unknown key 'gnp.\\u{202E}dm'"))
    }
}
