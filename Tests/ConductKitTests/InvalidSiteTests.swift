import ConductKit
import Foundation
import TestSupport
import Testing

/// Each folder of `Tests/Fixtures/invalid/` breaks the valid fixture site in one way;
/// the build must report exactly the diagnostics in its `expected.txt`, all at once.
@Suite struct InvalidSiteTests {
    @Test(arguments: FixtureSite.invalidCases)
    func reportsExactlyTheExpectedDiagnostics(invalidCase: String) throws {
        let fixture = try FixtureSite(invalidCase: invalidCase)
        defer { fixture.remove() }
        let expected = try FixtureSite.expectedDiagnostics(of: invalidCase)
        #expect(diagnostics(of: fixture).joined(separator: "\n") + "\n" == expected)
    }

    @Test func everyInvalidCaseIsRun() {
        #expect(FixtureSite.invalidCases.count >= 20)
    }

    @Test func theValidFixtureHasNoDiagnostics() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(diagnostics(of: fixture).isEmpty)
    }

    @Test func onlySelectedSchoolsAreValidated() throws {
        let fixture = try FixtureSite(invalidCase: "low-contrast")
        defer { fixture.remove() }
        let (site, problems) = SiteValidator.validate(SiteLoader.load(root: fixture.root), schools: ["alpha-academy"])
        #expect(problems.isEmpty)
        #expect(site?.schools.map(\.slug) == ["alpha-academy"])
        #expect(site?.directory.map(\.slug) == ["alpha-academy", "beta-college"])
    }
}
