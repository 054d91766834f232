@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// The phone numbers and addresses found in text, as (kind, text, column).
private func found(_ text: String) -> [String] {
    ContactScanner.references(in: text).map { "\($0.kind == .phone ? "phone" : "link") \($0.text) @\($0.column)" }
}

@Suite struct ContactScannerTests {
    @Test func findsUKPhoneNumbersAsTheyAreWritten() {
        #expect(found("Call 0151 907 8300 today.") == ["phone 0151 907 8300 @6"])
        #expect(found("Or +44 151 907 8300, or +44 (0)151-907-8300.") == ["phone +44 151 907 8300 @4",
                                                                         "phone +44 (0)151-907-8300 @25"])
        #expect(found("Childline: 0800 1111.") == ["phone 0800 1111 @12"])
        #expect(found("Mobile 07700900123") == ["phone 07700900123 @8"])
    }

    @Test func findsServiceNumbersStandingAlone() {
        #expect(found("Call 999 in an emergency, or 101 if it is not.") == ["phone 999 @6", "phone 101 @30"])
        #expect(found("NHS 111; 112 works too; Samaritans 116 123 and 116123 together.")
                    == ["phone 111 @5", "phone 112 @10", "phone 116 123 @36", "phone 116123 @48"])
    }

    @Test func yearsSectionNumbersDatesAndAmountsAreNotPhoneNumbers() {
        #expect(found("The Protection from Harassment Act 1997 and the Malicious Communications Act 1988.").isEmpty)
        #expect(found("Communications Act 2003, section 127, and s127; section 101 and sections 111 and 112 of the Act.").isEmpty)
        #expect(found("In force since 31 January 2024; effective 2026-11-16; on 16/11/2026; at 10:11.").isEmpty)
        #expect(found("It cost £999 or 1,111 or 2.101 pounds; the 101st time; 999% sure; 1999 and 9990.").isEmpty)
        #expect(found("Between 0 and 5, the 0800 number, version 01.02.").isEmpty)
    }

    @Test func findsAddressesInLinksAutolinksAndText() {
        #expect(found("[CEOP](https://www.ceop.police.uk/) and <https://saferinternet.org.uk/>.")
                    == ["link https://www.ceop.police.uk/ @8", "link https://saferinternet.org.uk/ @42"])
        #expect(found("See https://example.org/a_(b) and http://example.org/page.") == [
            "link https://example.org/a_(b) @5", "link http://example.org/page @35",
        ])
        #expect(found("Or visit www.childline.org.uk/help, on the www. of old.") == ["link www.childline.org.uk/help @10"])
        #expect(found("[Call us](tel:+441519078300) or [write](mailto:office@example.org)")
                    == ["phone tel:+441519078300 @11", "link mailto:office@example.org @41"])
    }

    /// cmark and browsers decode references and escapes, so the scanner does too: each
    /// of these reaches parents as a working number or link.
    @Test func numbersAndAddressesHiddenBehindReferencesOrEscapesAreFound() {
        #expect(found("Call &#48;151 907 8300.") == ["phone 0151 907 8300 @6"])
        #expect(found("[x](https&#58;//evil.example/) [y](https\\://evil.example/) [z](https&colon;&sol;&sol;evil.example)")
                    == ["link https://evil.example/ @5", "link https://evil.example/ @36", "link https://evil.example @64"])
        #expect(found("<a href=\"&#x6D;ailto:someone@evil.example\">") == ["link mailto:someone@evil.example @10"])
        // Braces written as references are text, not a school's value.
        #expect(found("&#123;&#123; https://evil.example }}") == ["link https://evil.example @14"])
    }

    /// A link to another host is someone else's address, whatever its scheme.
    @Test func addressesWithOtherSchemesOrNoneAreFound() {
        #expect(found("[a](//evil.example/page) [b](ftp://files.example/x) [c](whatsapp://send?phone=447700900123)")
                    == ["link //evil.example/page @5", "link ftp://files.example/x @30", "link whatsapp://send?phone=447700900123 @57"])
        // Not addresses: a path, a comment, "and/or".
        #expect(found("See /letter/ or // note, and/or a//b, 1//2.").isEmpty)
    }

    /// cmark makes "<office@example.org>" a mailto: link, and an address in text is one
    /// a parent can write to.
    @Test func eMailAddressesWithoutMailtoAreFound() {
        #expect(found("Write to <head@evil.example> or office.staff+x@mail.evil.example.")
                    == ["link mailto:head@evil.example @11", "link mailto:office.staff+x@mail.evil.example @33"])
        // Found once, as written, when they are part of an address; handles are not addresses.
        #expect(found("[w](mailto:a@evil.example) https://user@evil.example/ @school and pkg@1.2.3")
                    == ["link mailto:a@evil.example @5", "link https://user@evil.example/ @28"])
        let many = String(repeating: "a.b@c.d ", count: 20_000) + String(repeating: "@", count: 50_000)
        #expect(found(many).isEmpty)
    }

    @Test func numbersWrittenInOtherUsualWaysAreFound() {
        #expect(found("Call 0151.907.8300, (0151) 907 8300 or 0151\u{A0}907\u{A0}8300.")
                    == ["phone 0151.907.8300 @6", "phone (0151) 907 8300 @21", "phone 0151\u{A0}907\u{A0}8300 @40"])
        #expect(found("Or 0151–907–8300, +44-151-907-8300, 0044 151 907 8300, +44 0151 907 8300.")
                    == ["phone 0151–907–8300 @4", "phone +44-151-907-8300 @19", "phone 0044 151 907 8300 @37",
                        "phone +44 0151 907 8300 @56"])
        #expect(found("Spaced out: 0151   907   8300, 0151 - 907 - 8300.")
                    == ["phone 0151   907   8300 @13", "phone 0151 - 907 - 8300 @32"])
        #expect(found("Call 0800 1111. 999 in an emergency.") == ["phone 0800 1111 @6", "phone 999 @17"])
        // Emphasis and tags are not seen on the page, so the number is read through them.
        #expect(found("Call 0151 **907** 8300, 0151<span></span>907 8300 or <b>0151</b> 907 8300.")
                    == ["phone 0151 **907** 8300 @6", "phone 0151<span></span>907 8300 @25", "phone 0151</b> 907 8300 @57"])
        #expect(found("From abroad: +353 1 234 5678 or +1 800 555 0100.")
                    == ["phone +353 1 234 5678 @14", "phone +1 800 555 0100 @33"])
    }

    /// Markdown shows a paragraph's lines as one, so a number broken over two is one number.
    @Test func aNumberBrokenOverTwoLinesIsFoundWhereItStarts() {
        let found = ContactScanner.references(in: "Call 0151 907\n  8300 today.", firstLine: 4)
        #expect(found == [ContactReference(kind: .phone, text: "0151 907 8300", line: 4, column: 6)])
        // A date or a version is still not a phone number, on one line or two.
        #expect(ContactScanner.references(in: "Version 01.02.2026, 0.123456789 and 10.0.0.1;\n0 1200 800, 08-11-2026").isEmpty)
    }

    @Test func aNumberFollowedByAnotherNumberIsStillFound() {
        #expect(found("Call 0151 907 8300 24 hours a day, or 0800 1111 7 days a week.")
                    == ["phone 0151 907 8300 @6", "phone 0800 1111 @39"])
        #expect(found("Call 0151 907 8300\n1. Then write.") == ["phone 0151 907 8300 @6"])
    }

    @Test func schoolValuesAndNumbersInsideAddressesAreLeftAlone() {
        #expect(found("[our website]({{school.website}}) and {{school.complaints_url}}").isEmpty)
        #expect(found("https://example.org/0800-1111/999") == ["link https://example.org/0800-1111/999 @1"])
        #expect(found("Hotel:fine and Hotel:+44 are words, not links").isEmpty)
    }

    /// Each position is looked at a bounded number of times: 200,000 characters of digit
    /// groups, numbers and braces take a moment, where quadratic work would take minutes.
    @Test func longTextIsScannedInOnePass() {
        let groups = String(repeating: "0 ", count: 50_000)
        #expect(found(groups).isEmpty)
        let numbers = String(repeating: "999 ", count: 25_000)
        #expect(ContactScanner.references(in: numbers).count == 25_000)
        let braces = String(repeating: "{{", count: 50_000)
        #expect(found(braces + " https://example.org/").isEmpty)
    }

    @Test func phoneNumbersAreComparedByTheirDigits() {
        #expect(PhoneNumber.digits(of: "0044 151 907 8300") == "01519078300")
        #expect(PhoneNumber.digits(of: "+44 0151 907 8300") == "01519078300")
        #expect(PhoneNumber.digits(of: "(0151) 907 8300") == "01519078300")
        #expect(PhoneNumber.digits(of: "0800 1111") == PhoneNumber.digits(of: "0800-1111"))
        #expect(PhoneNumber.digits(of: "+44 151 907 8300") == "01519078300")
        #expect(PhoneNumber.digits(of: "+44 (0)151 907 8300") == "01519078300")
        #expect(PhoneNumber.digits(of: "tel:+441519078300") == "01519078300")
    }

    @Test func addressesMatchIgnoringATrailingSlashAndTheCaseOfSchemeAndHost() {
        #expect(WebAddress.sameAddress("HTTPS://WWW.Childline.org.uk/", "https://www.childline.org.uk"))
        #expect(!WebAddress.sameAddress("https://example.org/Page", "https://example.org/page"))
        #expect(WebAddress.sameAddress("www.childline.org.uk", "https://www.childline.org.uk/"))
        #expect(WebAddress.isUnder("https://www.alpha.example.sch.uk/policies/complaints", base: "https://www.alpha.example.sch.uk/"))
        #expect(!WebAddress.isUnder("https://www.alpha.example.sch.uk.evil.example/", base: "https://www.alpha.example.sch.uk/"))
    }
}

@Suite struct SourceRegisterCheckTests {
    private func problems(_ fixture: FixtureSite, schools: [String] = []) -> [String] {
        SourceRegisterCheck.check(SiteLoader.load(root: fixture.root), schools: schools).map(\.description)
    }

    private let section = """
        ---
        after: keeping-safe
        ---
        ## Help

        Talk to Childline on 0800 1111, or see [Childline](https://www.childline.org.uk/).
        """

    @Test func theFixtureSiteListsEverythingItWrites() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(problems(fixture).isEmpty)
    }

    @Test func anUnlistedPhoneNumberOrAddressIsReportedWhereItIsWritten() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(section, to: "Schools/beta-college/sections/help.md")
        #expect(problems(fixture) == [
            """
            Schools/beta-college/sections/help.md:6:22: error: the phone number '0800 1111' is not in Content/sources.yml
                hint: add it to the 'phones:' of the entry for the fact it supports, with the page you checked it against (README, "Sources of facts")
            """,
            """
            Schools/beta-college/sections/help.md:6:52: error: the address 'https://www.childline.org.uk/' is not in Content/sources.yml
                hint: add it to the 'links:' of the entry for the fact it supports (README, "Sources of facts"); the school's own addresses (website, base_url, complaints_url in school.yml) need no entry
            """,
        ])
        // Only the schools asked about are scanned.
        #expect(problems(fixture, schools: ["alpha-academy"]).isEmpty)
    }

    @Test func listedNumbersAndAddressesPassHoweverTheyAreWritten() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(section, to: "Schools/beta-college/sections/help.md")
        try fixture.write(try fixture.read("Content/sources.yml") + """
              - fact: Childline is free and confidential for children and young people, on 0800 1111 or online.
                source: https://www.childline.org.uk/get-support/contacting-childline/
                checked: 2026-11-29
                phones: ["0800-1111", "85258"]
                links: ["HTTPS://WWW.CHILDLINE.ORG.UK"]

            """, to: "Content/sources.yml")
        #expect(problems(fixture).isEmpty)
    }

    @Test func aSchoolsOwnAddressesNeedNoEntry() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("""
            ---
            after: keeping-safe
            ---
            ## Complaints

            See https://www.alpha.example.sch.uk/policies/complaints/ or [the office](https://www.alpha.example.sch.uk/contact).
            """, to: "Schools/alpha-academy/sections/d-complaints.md")
        #expect(problems(fixture).isEmpty)
        // Beta's files may not use Alpha's addresses unlisted.
        try fixture.write(try fixture.read("Schools/alpha-academy/sections/d-complaints.md"),
                          to: "Schools/beta-college/sections/complaints.md")
        #expect(problems(fixture).count == 2)
    }

    @Test func theLettersSummaryTheBannerAndTemplatesAreScannedToo() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let letter = try fixture.read("Content/parent-letter.md")
            .replacingOccurrences(of: "first, not online.", with: "first, not online (or call 101).")
        try fixture.write(letter, to: "Content/parent-letter.md")
        let footer = try fixture.read("Templates/partials/footer.mustache")
        try fixture.write(footer + "<a href=\"https://www.example.org/\">x</a>\n", to: "Templates/partials/footer.mustache")
        let lines = footer.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(problems(fixture).map { $0.prefix { $0 != "\n" } } == [
            "Content/parent-letter.md:6:75: error: the phone number '101' is not in Content/sources.yml",
            "Templates/partials/footer.mustache:\(lines):10: error: the address 'https://www.example.org/' is not in Content/sources.yml",
        ])
    }

    /// A school's own template, its school.yml and the shared front matter reach parents
    /// as much as its sections do.
    @Test func templatesSchoolValuesAndFrontMatterCannotCarryAnUnlistedNumberOrAddress() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("<p>Call 0151 907 8300, <a href=\"tel:01519078301\">or this</a>, "
                          + "<a href=\"mailto:head@evil.example\">write</a> or "
                          + "<a href=\"https&#58;//evil.example/\">visit</a>.</p>\n",
                          to: "Schools/beta-college/templates/partials/footer.mustache")
        let school = try fixture.read("Schools/beta-college/school.yml")
        try fixture.write(school + "type: Academy, call 0151 907 8302\n", to: "Schools/beta-college/school.yml")
        let schoolLines = school.split(separator: "\n").count
        let code = try fixture.read("Content/code-of-conduct.md")
        try fixture.write(code.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: See www.evil.example - "),
                          to: "Content/code-of-conduct.md")
        #expect(problems(fixture).map { $0.prefix { $0 != "\n" } } == [
            "Content/code-of-conduct.md:2:12: error: the address 'www.evil.example' is not in Content/sources.yml",
            "Schools/beta-college/school.yml:\(schoolLines + 1):21: error: the phone number '0151 907 8302' is not in Content/sources.yml",
            "Schools/beta-college/templates/partials/footer.mustache:1:9: error: the phone number '0151 907 8300' is not in Content/sources.yml",
            "Schools/beta-college/templates/partials/footer.mustache:1:33: error: the phone number 'tel:01519078301' is not in Content/sources.yml",
            "Schools/beta-college/templates/partials/footer.mustache:1:72: error: the address 'mailto:head@evil.example' is not in Content/sources.yml",
            "Schools/beta-college/templates/partials/footer.mustache:1:120: error: the address 'https://evil.example/' is not in Content/sources.yml",
        ])
    }

    @Test func anAddressTheStylesheetLoadsFromMustBeListed() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let css = try fixture.read("Templates/assets/site.css")
        try fixture.write(css + "body { background: url(https://evil.example/pixel.png); margin: 0 0 1200px 800px; }\n",
                          to: "Templates/assets/site.css")
        let lines = css.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(problems(fixture).map { $0.prefix { $0 != "\n" } } == [
            "Templates/assets/site.css:\(lines):24: error: the address 'https://evil.example/pixel.png' is not in Content/sources.yml",
        ])
    }

    /// The facts are shown on the Code page, so a number in one must be listed too.
    @Test func aNumberInAFactMustBeListed() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write(try fixture.read("Content/sources.yml") + """
              - fact: The helpline is on 0800 123 4567.
                source: https://www.example.org/helpline
                checked: 2026-11-29

            """, to: "Content/sources.yml")
        let lines = try fixture.read("Content/sources.yml").split(separator: "\n").count
        #expect(problems(fixture).map { $0.prefix { $0 != "\n" } } == [
            "Content/sources.yml:\(lines - 2):30: error: the phone number '0800 123 4567' is not in Content/sources.yml",
        ])
    }

    @Test func aBrokenRegisterIsReportedInsteadOfScanning() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("sources:\n  - fact: x\n    source: https://www.police.uk/\n    checked: soon\n", to: "Content/sources.yml")
        #expect(problems(fixture) == [
            "Content/sources.yml:4:14: error: 'checked' must be a date written YYYY-MM-DD, not 'soon'\n    hint: for example 2026-11-16",
        ])
    }
}

@Suite struct CodeLengthTests {
    @Test func countsTheSharedCodeAndEachSchoolsComposedCode() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let length = try #require(ContentReport.make(root: fixture.root).codeLength)
        /// The words of a Markdown file's body, after its front matter.
        func words(_ path: String) throws -> Int {
            let text = try fixture.read(path)
            let body = text.components(separatedBy: "---\n").dropFirst(2).joined(separator: "---\n")
            return ReadingLevel(path: path, markdown: body).words
        }
        #expect(length.shared == (try words("Content/code-of-conduct.md")))
        #expect(length.shared > 40)
        // Beta has no sections. Alpha adds two and, with the third, replaces the text of
        // "Contact your school".
        #expect(length.schools["beta-college"] == length.shared)
        let replaced = ReadingLevel(path: "", markdown: "Find how to contact {{school.name}} on [the school's website]({{school.website}}).").words
        let sections = ["a-welcome.md", "b-purpose-at-alpha.md", "c-contact.md"]
        let added = try sections.map { try words("Schools/alpha-academy/sections/\($0)") }.reduce(0, +)
        #expect(length.schools["alpha-academy"] == length.shared + added - replaced)
    }
}
