import Foundation
import TestSupport
import Testing

/// `conduct check` and `conduct publish` on the register of sources, the Code's length
/// and the values schools have still to confirm, run as the built binary.
@Suite struct SourcesCommandTests {
    private func builtFixture() throws -> FixtureSite {
        let fixture = try FixtureSite()
        let build = try conduct(["build", "--as-of", "2026-10-01"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        return fixture
    }

    private let helpSection = """
        ---
        after: keeping-safe
        ---
        ## Help

        Talk to Childline on 0800 1111, or see [Childline](https://www.childline.org.uk/).
        """

    @Test func checkRefusesAPhoneNumberOrAddressTheRegisterDoesNotList() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        try fixture.write(helpSection, to: "Schools/beta-college/sections/help.md")
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Schools/beta-college/sections/help.md:6:22: error: the phone number '0800 1111' is not in Content/sources.yml
                hint: add it to the 'phones:' of the entry for the fact it supports, with the page you checked it against (README, "Sources of facts")
            Schools/beta-college/sections/help.md:6:52: error: the address 'https://www.childline.org.uk/' is not in Content/sources.yml
                hint: add it to the 'links:' of the entry for the fact it supports (README, "Sources of facts"); the school's own addresses (website, base_url, complaints_url in school.yml) need no entry

            """)
        #expect(run.stdout.hasSuffix("Checked 11 pages in 2 schools: 2 errors\n"), "\(run.stdout)")
    }

    @Test func checkPassesOnceTheRegisterListsThem() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        try fixture.write(helpSection, to: "Schools/beta-college/sections/help.md")
        try fixture.write(try fixture.read("Content/sources.yml") + """
              - fact: Childline is free and confidential for children and young people, on 0800 1111 or online.
                source: https://www.childline.org.uk/get-support/contacting-childline/
                checked: 2026-11-29
                phones: ["0800 1111"]
                links: ["https://www.childline.org.uk/"]

            """, to: "Content/sources.yml")
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
    }

    @Test func checkPrintsTheCodesLengthAgainstItsTarget() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let code = try #require(lines.first { $0.hasPrefix("  Code of Conduct: ") })
        #expect(code.range(of: #"^  Code of Conduct: \d+ words \(target: at most 3,200\)$"#, options: .regularExpression) != nil, "\(code)")
        let schools = try #require(lines.first { $0.hasPrefix("  With each school's own sections: ") })
        #expect(schools.range(of: #"^  With each school's own sections: \d+ to \d+ words \(2 schools\)$"#, options: .regularExpression) != nil,
                "\(schools)")
    }

    @Test func aCodeOverItsTargetIsSaidButDoesNotFailTheCheck() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        let long = String(repeating: "Please be kind online. ", count: 800)
        try fixture.write("---\nafter: keeping-safe\n---\n## More\n\n\(long)\n", to: "Schools/alpha-academy/sections/z-long.md")
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let over = try #require(lines.first { $0.hasPrefix("    alpha-academy: ") })
        #expect(over.range(of: #"^    alpha-academy: 3,\d{3} words \(\d+ over\)$"#, options: .regularExpression) != nil, "\(over)")
        #expect(!lines.contains { $0.hasPrefix("    beta-college") })
    }

    @Test func checkListsEveryValueStillToBeConfirmed() throws {
        let fixture = try builtFixture()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Schools/beta-college/school.yml") + "unverified: [website, complaints_url]\n",
                          to: "Schools/beta-college/school.yml")
        let run = try conduct(["check"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("""
            Values still to be confirmed (unverified: in school.yml; conduct publish refuses them without --allow-unverified)
              school        key             value
              beta-college  website         https://beta.example.ac.uk
              beta-college  complaints_url  (not set)

            """), "\(run.stdout)")
    }

    @Test func publishRefusesUnconfirmedValuesUnlessAllowed() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Schools/beta-college/school.yml") + "unverified: [complaints_url]\n",
                          to: "Schools/beta-college/school.yml")
        let refused = try conduct(["publish", "--as-of", "2026-11-16T07:00"], in: fixture.root)
        #expect(refused.status == 1)
        #expect(refused.stderr == """
            Schools/beta-college/school.yml:6:14: error: 'complaints_url' is listed under 'unverified': it is not set yet
                hint: confirm it with the school and remove it from 'unverified:', or publish with --allow-unverified (each bundle's README.txt then lists what is still to be confirmed)
            1 error; nothing was written.

            """)
        #expect(refused.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))

        let allowed = try conduct(["publish", "--as-of", "2026-11-16T07:00", "--allow-unverified"], in: fixture.root)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let readme = try fixture.read("Output/dist/beta-college/README.txt")
        #expect(readme.contains("STILL TO BE CONFIRMED\n"))
        #expect(readme.contains("    complaints_url: (not set), so the pages link to the school's website\n"))
    }

    @Test func publishRefusesAnUnlistedPhoneNumber() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(helpSection, to: "Schools/beta-college/sections/help.md")
        let run = try conduct(["publish", "--dry-run"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(
            "Schools/beta-college/sections/help.md:6:22: error: the phone number '0800 1111' is not in Content/sources.yml\n"))
        #expect(run.stderr.hasSuffix("2 errors; nothing was written.\n"))
    }
}
