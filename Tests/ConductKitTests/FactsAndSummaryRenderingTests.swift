@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// What the register of sources, `complaints_url`, the letter's `in_brief` and
/// `unverified:` add to the pages and the bundles.
@Suite struct FactsAndSummaryRenderingTests {
    @Test func theCodeEndsWithWhereItsInformationComesFrom() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let files = try renderedFiles(of: fixture)
        let code = try #require(files["beta-college/code-of-conduct/index.html"])
        #expect(code.contains("""
            <section class="sources" aria-labelledby="where-this-information-comes-from">
            <h2 id="where-this-information-comes-from">Where this information comes from</h2>
            """))
        #expect(code.contains("""
            <li>In an emergency, or if someone is in immediate danger, call 999. <span class="source">Source: \
            <a href="https://www.police.uk/">police.uk</a>, checked <time datetime="2026-11-20">20 November 2026</time>.</span></li>
            """))
        // The last entry of the contents, after the Code's own parts.
        #expect(code.contains("""
            <li><a href="#keeping-safe">Keeping safe</a></li>
            <li><a href="#where-this-information-comes-from">Where this information comes from</a></li>
            </ol>
            """))
        let letter = try #require(files["beta-college/letter/index.html"])
        #expect(!letter.contains("Where this information comes from"))
    }

    @Test func aSiteWithoutARegisterHasNoSourcesPart() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.url("Content/sources.yml"))
        let code = try #require(try renderedFiles(of: fixture)["beta-college/code-of-conduct/index.html"])
        #expect(!code.contains("where-this-information-comes-from"))
    }

    @Test func theLetterInBriefStandsAboveTheLetterWithItsValuesEscaped() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let letter = try #require(try renderedFiles(of: fixture)["beta-college/letter/index.html"])
        #expect(letter.contains("""
            <section class="panel in-brief" aria-labelledby="in-brief">
            <h2 id="in-brief">This letter in brief</h2>
            <ul>
            <li>The Test Association of Headteachers asks parents and carers to use social media kindly.</li>
            <li>Raise a concern with Beta College first, not online.</li>
            <li>Values are escaped: &lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;.</li>
            </ul>
            <p><a href="../code-of-conduct/">Read Beta College’s full Social Media Code of Conduct</a></p>
            </section>
            """))
        let summary = try #require(letter.range(of: "This letter in brief")), date = try #require(letter.range(of: "document-date"))
        #expect(summary.lowerBound < date.lowerBound, "the summary comes before the letter, which starts with its date")
    }

    @Test func theLetterInBriefIsNotPartOfTheLetterThatIsSentOrPrinted() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let site = try Pipeline.render(root: fixture.root, asOf: ordinaryDay).site
        let renderer = SiteRenderer(site)
        let school = try #require(site.schools.first { $0.slug == "beta-college" })
        let bundle = try #require(try BundleRenderer.render(school, with: renderer, version: "2.1"))
        for file in bundle where file.path.hasPrefix("letter") {
            #expect(!String(decoding: file.contents, as: UTF8.self).contains("in brief"), "\(file.path)")
        }
        let embed = try #require(bundle.first { $0.path == "embed.html" })
        #expect(String(decoding: embed.contents, as: UTF8.self).contains(#"<h2 id="where-this-information-comes-from">"#))
    }

    @Test func complaintsURLIsTheSchoolsOwnPageOrItsWebsite() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("""
            ---
            after: keeping-safe
            ---
            ## Complaints

            Read [our complaints procedure]({{school.complaints_url}}) ({{school.complaints_url}}).
            """, to: "Schools/beta-college/sections/complaints.md")
        let files = try renderedFiles(of: fixture)
        let alpha = try #require(files["alpha-academy/code-of-conduct/index.html"])
        #expect(alpha.contains(#"then use <a href="https://www.alpha.example.sch.uk/policies/complaints/">our complaints procedure</a>."#))
        let beta = try #require(files["beta-college/code-of-conduct/index.html"])
        #expect(beta.contains(#"Read <a href="https://beta.example.ac.uk">our complaints procedure</a> (https://beta.example.ac.uk)."#))
    }

    @Test func aBundleReadmeListsWhatIsStillToBeConfirmed() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Schools/beta-college/school.yml") + "unverified: [website, complaints_url]\n",
                          to: "Schools/beta-college/school.yml")
        let request = Pipeline.Request(root: fixture.root, output: fixture.url("Output"),
                                       asOf: LondonTime.instant(parsing: "2026-11-16T07:00")!)
        #expect {
            try Pipeline.publish(request, dryRun: false)
        } throws: { error in
            guard case .invalidSite(let problems) = error as? Pipeline.Failure else { return false }
            return problems.map(\.description) == [
                """
                Schools/beta-college/school.yml:6:14: error: 'website' is listed under 'unverified': 'https://beta.example.ac.uk' is not confirmed by the school yet
                    hint: confirm it with the school and remove it from 'unverified:', or publish with --allow-unverified (each bundle's README.txt then lists what is still to be confirmed)
                """,
                """
                Schools/beta-college/school.yml:6:23: error: 'complaints_url' is listed under 'unverified': it is not set yet
                    hint: confirm it with the school and remove it from 'unverified:', or publish with --allow-unverified (each bundle's README.txt then lists what is still to be confirmed)
                """,
            ]
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))

        _ = try Pipeline.publish(request, dryRun: false, allowUnverified: true)
        let readme = try fixture.read("Output/dist/beta-college/README.txt")
        #expect(readme.hasSuffix("""
            Print it from the browser, in colour or in black and white, or save it
                as a PDF.

            STILL TO BE CONFIRMED
            These values were published before the school confirmed them. Please
            check each one and tell the consortium what is right:

                website: https://beta.example.ac.uk
                complaints_url: (not set), so the pages link to the school's website

            """))
        #expect(!(try fixture.read("Output/dist/alpha-academy/README.txt")).contains("STILL TO BE CONFIRMED"))
    }
}
