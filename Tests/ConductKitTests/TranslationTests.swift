import ConductKit
import Foundation
import Markdown
import TestSupport
import Testing

/// The digest of the fixture's English Code, as its translations give it.
private let fixtureCodeDigest = "sha256:0bfb77135ef2b1e21d67c4021e6d8e7def3d795f9811a099cf2a263257679833"
private let launchMorning = LondonTime.instant(parsing: "2026-11-16T07:00")!

/// Translations under `Content/translations/<tag>/`: loading, checks against the
/// English, drafts and the out-of-date flag. The `translated` overlay gives a reviewed
/// Polish Code and letter and a draft Urdu Code made from an older English one.
@Suite struct TranslationTests {
    private func translatedSite() throws -> FixtureSite {
        try FixtureSite(overlays: ["translated"])
    }

    private func validated(_ fixture: FixtureSite) throws -> Site {
        let (site, diagnostics) = SiteValidator.validate(SiteLoader.load(root: fixture.root))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        return try #require(site)
    }

    @Test func translationsAreLoadedByLanguageAndDocument() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let site = try validated(fixture)
        #expect(site.translations.map { "\($0.language)/\($0.kind.rawValue)" } == ["pl/code-of-conduct", "pl/letter", "ur/code-of-conduct"])
        let polish = try #require(site.translations.first)
        #expect(polish.title == "Kodeks postępowania w mediach społecznościowych")
        #expect(polish.reviewedBy.value == "Test Translator" && !polish.isDraft)
        #expect(!polish.origin.isOutOfDate)
        #expect(polish.origin.digest == fixtureCodeDigest && polish.origin.englishDigest == fixtureCodeDigest)
        #expect(site.translations[1].inBrief.count == 2)
    }

    @Test func headingIdsComeFromTheTranslatedText() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let site = try validated(fixture)
        #expect(site.translations[0].headingIDs == ["cel", "o-co-prosimy", "1-bądź-życzliwy-w-wiadomościach",
                                                     "2-najpierw-porozmawiaj-z-nami", "kontakt-ze-szkołą", "bezpieczeństwo"])
        #expect(site.translations[2].headingIDs == ["مقصد", "ہماری-درخواست", "1-پیغامات-میں-مہربان-رہیں",
                                                     "2-پہلے-ہم-سے-بات-کریں", "اپنے-اسکول-سے-رابطہ", "محفوظ-رہنا"])
    }

    @Test func anEmptyReviewerMakesADraftThatOnlyDraftBuildsInclude() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let site = try validated(fixture)
        let urdu = try #require(site.translations.last)
        #expect(urdu.isDraft)
        #expect(urdu.reviewedBy.location == SourceLocation(path: "Content/translations/ur/code-of-conduct.md", line: 6, column: 14))
        #expect(site.published(at: launchMorning, includingDrafts: false).translations.map(\.language.description) == ["pl", "pl"])
        #expect(site.published(at: launchMorning, includingDrafts: true).translations.count == 3)
    }

    @Test func aTranslationAppearsOnlyWithItsEnglish() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let letter = try fixture.read("Content/parent-letter.md")
        try fixture.write(letter.replacingOccurrences(of: "title:", with: "publish_from: 2026-11-20\ntitle:"), to: "Content/parent-letter.md")
        // The Polish letter now names an older English letter: still valid, only out of date.
        let site = try validated(fixture)
        #expect(site.published(at: launchMorning, includingDrafts: true).translations.map(\.kind) == [.codeOfConduct, .codeOfConduct])
    }

    @Test func aChangedEnglishFileMakesItsTranslationsOutOfDate() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let site = try validated(fixture)
        #expect(site.translations.map(\.origin.isOutOfDate) == [false, false, true])
        let urdu = site.translations[2].origin
        #expect(urdu.version == "2.0" && urdu.englishVersion == "2.1")

        // One byte more in the English Code: its digest changes, its version does not.
        try fixture.write(try fixture.read("Content/code-of-conduct.md") + "\n", to: "Content/code-of-conduct.md")
        let changed = try validated(fixture)
        let polish = changed.translations[0].origin
        #expect(polish.isOutOfDate && polish.version == polish.englishVersion)
        #expect(polish.englishDigest != fixtureCodeDigest && polish.englishDigest.hasPrefix("sha256:") && polish.englishDigest.count == 71)
        #expect(!changed.translations[1].origin.isOutOfDate)

        let report = ContentReport.make(root: fixture.root)
        #expect(report.translations.map(\.path) == ["Content/translations/pl/code-of-conduct.md", "Content/translations/pl/parent-letter.md",
                                                    "Content/translations/ur/code-of-conduct.md"])
        #expect(report.translations.map { $0.origin?.isOutOfDate } == [true, false, true])
        #expect(report.translations[0].origin?.englishDigest == polish.englishDigest)
        #expect(report.translations.map(\.reviewedBy) == ["Test Translator", "Test Translator", ""])
    }

    @Test func theDigestOfAnotherEnglishFileIsReportedRatherThanMarkingTheTranslationOutOfDate() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let path = "Content/translations/pl/parent-letter.md"
        let letter = try fixture.read(path)
        let digestLine = try #require(letter.split(separator: "\n").first { $0.hasPrefix("source_digest:") })
        try fixture.write(letter.replacingOccurrences(of: digestLine, with: "source_digest: \(fixtureCodeDigest)"), to: path)
        let line = try #require(letter.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == digestLine }) + 1
        #expect(diagnostics(of: fixture) == ["""
            \(path):\(line):16: error: 'source_digest' is the digest of Content/code-of-conduct.md, not of Content/parent-letter.md, which this file translates
                hint: copy the digest that `conduct check` prints for Content/parent-letter.md, or run `sha256sum Content/parent-letter.md` and write sha256:<digest>
            """])
    }

    @Test func onlyEnglishFilesGetAReadingLevel() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        let report = ContentReport.make(root: fixture.root)
        #expect(!report.readingLevels.isEmpty)
        #expect(!report.readingLevels.contains { $0.path.hasPrefix("Content/translations/") })
    }

    @Test func translationsAreCheckedAgainstTheRegisterOfSources() throws {
        let fixture = try translatedSite()
        defer { fixture.remove() }
        #expect(SourceRegisterCheck.check(SiteLoader.load(root: fixture.root)).isEmpty)
        // Childline's number, in the digits Urdu is written with, and an address, neither listed.
        let path = "Content/translations/ur/code-of-conduct.md"
        try fixture.write(try fixture.read(path) + "\nچائلڈ لائن: ۰۸۰۰ ۱۱۱۱ یا https://www.childline.org.uk/\n", to: path)
        try fixture.write(try fixture.read("Content/translations/pl/parent-letter.md")
            .replacingOccurrences(of: "summary: List", with: "summary: Zadzwoń 0800 1111. List"),
                          to: "Content/translations/pl/parent-letter.md")
        #expect(SourceRegisterCheck.check(SiteLoader.load(root: fixture.root)).map(\.description) == [
            "Content/translations/pl/parent-letter.md:3:18: error: the phone number '0800 1111' is not in Content/sources.yml\n"
                + "    hint: add it to the 'phones:' of the entry for the fact it supports, with the page you checked it against (README, \"Sources of facts\")",
            "\(path):31:13: error: the phone number '0800 1111' is not in Content/sources.yml\n"
                + "    hint: add it to the 'phones:' of the entry for the fact it supports, with the page you checked it against (README, \"Sources of facts\")",
            "\(path):31:26: error: the address 'https://www.childline.org.uk/' is not in Content/sources.yml\n"
                + "    hint: add it to the 'links:' of the entry for the fact it supports (README, \"Sources of facts\"); "
                + "the school's own addresses (website, base_url, complaints_url in school.yml) need no entry",
        ])
    }

    @Test func languageTagsAreReadInTheirUsualCase() {
        #expect(LanguageTag("pl")?.description == "pl")
        #expect(LanguageTag("sr-Latn-RS").map { [$0.language, $0.script, $0.region] } == ["sr", "Latn", "RS"])
        #expect(LanguageTag("es-419")?.region == "419")
        #expect(LanguageTag("ckb")?.language == "ckb")
        for wrong in ["PL", "pt-br", "zh-hant", "polish", "p", "pl-", "pl_PL", "pl-PL-x", "en-GB-oxendict", "",
                      "und", "mul", "zxx", "mis", "qaa", "qtz", "x-klingon"] {
            #expect(LanguageTag(wrong) == nil, "\(wrong)")
        }
        #expect(LanguageTag(anyCase: "pt-br")?.description == "pt-BR")
        #expect(LanguageTag(anyCase: "ZH-HANT")?.description == "zh-Hant")
    }
}

/// `conduct publish` never publishes a draft translation by accident.
@Suite struct DraftTranslationPublishTests {
    private func publish(_ fixture: FixtureSite, leavingOut: Bool = false) throws -> Pipeline.Publication {
        let request = Pipeline.Request(root: fixture.root, output: fixture.url("Output"), asOf: launchMorning)
        return try Pipeline.publish(request, dryRun: true, leavingOutDraftTranslations: leavingOut)
    }

    @Test func aDraftTranslationIsRefusedAtItsReviewer() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        do {
            _ = try publish(fixture)
            Issue.record("published a draft translation")
        } catch {
            guard case .invalidSite(let diagnostics)? = error as? Pipeline.Failure else { throw error }
            #expect(diagnostics.map(\.description) == [
                "Content/translations/ur/code-of-conduct.md:6:14: error: this ur translation is a draft ('reviewed_by' is empty), "
                    + "so it cannot be published\n    hint: have a qualified translator review it and put their name in 'reviewed_by'; "
                    + "to publish without its pages (and without links to them), add --leave-out-draft-translations",
            ])
        }
    }

    @Test func leavingDraftsOutPublishes() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        #expect(try publish(fixture, leavingOut: true).schools.count == 2)
    }

    @Test func aReviewedTranslationPublishes() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        let path = "Content/translations/ur/code-of-conduct.md"
        try fixture.write(try fixture.read(path).replacingOccurrences(of: "reviewed_by: \"\"", with: "reviewed_by: A. Reviewer"), to: path)
        #expect(try publish(fixture).schools.count == 2)
    }

    @Test func aDraftWhoseEnglishIsNotPublishedAsksForNothing() throws {
        let fixture = try FixtureSite(overlays: ["translated"])
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.url("Content/translations/ur/code-of-conduct.md"))
        try fixture.write("""
            ---
            title: والدین اور سرپرستوں کے نام خط
            summary: ضابطے کا تعارف کرانے والا ایسوسی ایشن کا خط۔
            source_digest: sha256:bb31be59f6b659993477170ddd4330498589ee8fa0bffe737342b0ba6741d714
            reviewed_by: ""
            ---

            {{association.name}} کی طرف سے۔

            """, to: "Content/translations/ur/parent-letter.md")
        // The English letter, and so its Urdu draft, is not published before 20 November.
        let letter = try fixture.read("Content/parent-letter.md")
        try fixture.write(letter.replacingOccurrences(of: "title:", with: "publish_from: 2026-11-20\ntitle:"), to: "Content/parent-letter.md")
        #expect(try publish(fixture).schools.count == 2)
        #expect(throws: Pipeline.Failure.self) {
            try Pipeline.publish(Pipeline.Request(root: fixture.root, output: fixture.url("Output"),
                                                  asOf: LondonTime.instant(parsing: "2026-11-20T08:00")!), dryRun: true)
        }
    }
}
