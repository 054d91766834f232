import Foundation
import TestSupport
import Testing

/// What `conduct check` and `conduct publish` say about translations.
@Suite struct TranslationCommandTests {
    @Test func checkListsTranslationsAndWhatToCopyIntoAnOutOfDateOne() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        // Drafts included: the right-to-left Urdu pages are checked too.
        #expect(try conduct(["build", "--as-of", "2026-10-01", "--drafts"], in: fixture.root).status == 0)
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("Checked 17 pages in 2 schools: 0 errors\n"), "\(run.stdout)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Translations (no reading level: the Flesch formulas are for English, so other languages are not measured)"))
        #expect(lines.contains { $0.hasPrefix("  Content/translations/pl/code-of-conduct.md") && $0.contains("Test Translator")
                && $0.hasSuffix("up to date") })
        #expect(lines.contains { $0.hasPrefix("  Content/translations/ur/code-of-conduct.md") && $0.contains("(draft: not published)")
                && $0.hasSuffix("out of date") })
        #expect(lines.contains("  Content/translations/ur/code-of-conduct.md (from Content/code-of-conduct.md): source_version: \"2.1\", "
                + "source_digest: sha256:0bfb77135ef2b1e21d67c4021e6d8e7def3d795f9811a099cf2a263257679833"))
        #expect(!lines.contains { $0.contains("(from") && $0.contains("translations/pl/") })
    }

    @Test func publishRefusesADraftTranslationUnlessToldToLeaveItOut() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        let refused = try conduct(["publish", "--as-of", "2026-11-16T07:00"], in: fixture.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("Content/translations/ur/code-of-conduct.md:6:14: error: this ur translation is a draft"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))

        let published = try conduct(["publish", "--as-of", "2026-11-16T07:00", "--leave-out-draft-translations"], in: fixture.root)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output/alpha-academy/ur").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/alpha-academy/pl/code-of-conduct/index.html").path))
    }
}
