import Foundation
import TestSupport
import Testing

@Suite struct PublishCommandTests {
    @Test func publishesAndPrintsTheSummaryAndChanges() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["publish", "--as-of", "2026-11-16T07:00"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Published 2 schools as of 2026-11-16T07:00+00:00, version 2.1: 11 pages, "), "\(run.stdout)")
        #expect(run.stdout.contains("No previous publish in the output folder: every file is new.\n"))
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/dist/alpha-academy-2.1.zip").path))

        let again = try conduct(["publish", "--as-of", "2026-11-16T07:00"], in: fixture.root)
        #expect(again.stdout.hasSuffix("Nothing changed.\n"), "\(again.stdout)")
    }

    @Test func aDryRunSaysWhatWouldBePublishedAndWritesNothing() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["publish", "--dry-run", "--as-of", "2026-11-16"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Dry run: would publish 2 schools as of 2026-11-16T00:00+00:00"), "\(run.stdout)")
        #expect(run.stdout.contains("  alpha-academy: 15 files, "))
        #expect(run.stdout.contains("(dist/alpha-academy-2.1.zip)"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))
    }

    @Test func problemsStopThePublishWithExitStatusOne() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("slug: beta-college\n", to: "Schools/beta-college/school.yml")
        let run = try conduct(["publish"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Schools/beta-college/school.yml:1:1: error: missing required key 'name'"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("nothing was written.\n"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))
    }
}
