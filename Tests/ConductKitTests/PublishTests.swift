import ConductKit
import Foundation
import TestSupport
import Testing

/// Every file below `folder` with its bytes, except the build record: it names the
/// inodes and times of the files in that folder, so it differs from folder to folder,
/// and it is not published.
private func tree(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
    for case let path as String in enumerator where path != ".conduct-build.json" {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = FileManager.default.contents(atPath: url.path)
        }
    }
    return files
}

/// Runs a program and returns what it printed; for checking our files with other tools.
private func run(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

private let launchMorning = LondonTime.instant(parsing: "2026-11-16T07:00")!

@Suite struct PublishTests {
    private func publish(_ fixture: FixtureSite, to folder: String = "Output", asOf: Date = launchMorning,
                         dryRun: Bool = false) throws -> Pipeline.Publication {
        let request = Pipeline.Request(root: fixture.root, output: fixture.url(folder), asOf: asOf)
        return try Pipeline.publish(request, dryRun: dryRun)
    }

    @Test func writesEachSchoolsSiteBundleAndFilesForOtherChannels() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let publication = try publish(fixture)
        #expect(publication.schools == ["alpha-academy", "beta-college"])
        let files = Set(tree(fixture.url("Output")).keys)
        for slug in ["alpha-academy", "beta-college"] {
            for path in ["\(slug)/index.html", "\(slug)/letter/index.html", "dist/\(slug)-2.1.zip", "dist/\(slug)/embed.html",
                         "dist/\(slug)/letter.txt", "dist/\(slug)/letter-print.html", "dist/\(slug)/poster.html",
                         "dist/\(slug)/README.txt"] {
                #expect(files.contains(path), "\(path) is missing")
            }
        }
        #expect(files.contains("manifest.json") && files.contains("changes.txt"))
    }

    @Test func theSameInputsAndTimeGiveTheSameBytes() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture, to: "First")
        _ = try publish(fixture, to: "Second")
        let first = tree(fixture.url("First")), second = tree(fixture.url("Second"))
        #expect(first.count > 20)
        #expect(first == second)
        // A later time inside the same week changes only the manifest's as-of line.
        _ = try publish(fixture, to: "Third", asOf: LondonTime.instant(parsing: "2026-11-17T07:00")!)
        let third = tree(fixture.url("Third"))
        #expect(first.filter { third[$0.key] != $0.value }.keys.sorted() == ["manifest.json"])
    }

    @Test func theManifestHoldsEveryPublishedFileWithItsHashAndSize() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let output = fixture.url("Output")
        let manifest = try JSONDecoder().decode(Manifest.self, from: try Data(contentsOf: output.appendingPathComponent("manifest.json")))
        #expect(manifest.version == "2.1")
        #expect(manifest.asOf == "2026-11-16T07:00+00:00")
        #expect(manifest.generator == "conduct \(Generator.version)")
        let onDisk = Set(tree(output).keys).subtracting(["manifest.json", "changes.txt", "README.md", ".conduct-output"])
        #expect(Set(manifest.files.map(\.path)) == onDisk)
        // Checked with coreutils rather than our own code.
        let sums = try run("sha256sum", manifest.files.map { output.appendingPathComponent($0.path).path })
        for (entry, line) in zip(manifest.files, sums.split(separator: "\n")) {
            #expect(line.hasPrefix(entry.sha256 + " "), "\(entry.path)")
            #expect(entry.size == tree(output)[entry.path]?.count)
        }
        #expect(manifest.files.first { $0.path == "dist/beta-college-2.1.zip" }?.school == "beta-college")
        #expect(manifest.files.first { $0.path == "index.html" }?.school == nil)
    }

    @Test func theBundleUnpacksIntoOneFolderWithTheSiteAndTheOtherFiles() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let zip = fixture.url("Output/dist/alpha-academy-2.1.zip").path
        let listing = try run("python3", ["-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist(): print(i.filename, i.date_time, oct(i.external_attr >> 16))
            """, zip])
        let names = listing.split(separator: "\n").map { $0.split(separator: " ")[0] }
        #expect(names == names.sorted())
        #expect(names.allSatisfy { $0.hasPrefix("alpha-academy-2.1/") })
        for name in ["alpha-academy-2.1/site/index.html", "alpha-academy-2.1/site/letter/index.html",
                     "alpha-academy-2.1/site/assets/site.css", "alpha-academy-2.1/embed.html", "alpha-academy-2.1/letter.txt",
                     "alpha-academy-2.1/letter-print.html", "alpha-academy-2.1/poster.html", "alpha-academy-2.1/README.txt"] {
            #expect(names.contains(Substring(name)), "\(name) is not in the bundle")
        }
        // Every entry carries the launch day, whatever the machine's clock or zone.
        #expect(listing.split(separator: "\n").allSatisfy { $0.contains("(2026, 11, 16, 0, 0, 0) 0o100644") || $0.contains("(2026, 11, 16, 0, 0, 0) 0o644") },
                "\(listing)")
    }

    @Test func theLetterAsPlainTextHasFullAddressesAndTheMemberSchools() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let text = try fixture.read("Output/dist/alpha-academy/letter.txt")
        #expect(text.hasPrefix("Alpha Academy\n16 November 2026\n\nLetter to Parents and Carers\n\n"))
        #expect(text.contains("- Alpha Academy\n- Beta College"))
        #expect(text.contains("Please read the full Code (https://www.alpha.example.sch.uk/parents/social-media/code-of-conduct/)."),
                "\(text)")
        #expect(!text.contains("<") && !text.contains("**") && !text.contains("{{"))
    }

    @Test func theEmbedIsTheCodeWithScopedStylesAndAbsoluteLinks() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let embed = try fixture.read("Output/dist/beta-college/embed.html")
        #expect(!embed.contains("<html") && !embed.contains("<body") && !embed.contains("<header"))
        #expect(embed.contains(#"<div class="conduct-embed" lang="en-GB">"#))
        // Every style rule is scoped to the embed, so the host page's own styles are untouched.
        let rules = embed.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
            .split(separator: "\n").filter { $0.contains("{") && !$0.hasPrefix("@media") }
        #expect(!rules.isEmpty && rules.allSatisfy { $0.hasPrefix(".conduct-embed") }, "\(rules)")
        #expect(!embed.contains(#"href="../"#))
        #expect(embed.contains(##"href="#"##), "links within the Code stay within the page")
    }

    @Test func theLetterForPrintingHasTheSchoolAtTheTopAndA4Styles() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let letter = try fixture.read("Output/dist/alpha-academy/letter-print.html")
        #expect(letter.contains("@page { size: A4;"))
        #expect(letter.contains(#"<img src="data:image/svg+xml;base64,"#), "the logo travels inside the file")
        #expect(letter.contains("<p>Alpha Academy</p>"))
        #expect(letter.contains(#"<time datetime="2026-11-16">16 November 2026</time>"#))
        #expect(letter.contains(#"href="https://www.alpha.example.sch.uk/parents/social-media/code-of-conduct/""#))
    }

    @Test func theLetterForPrintingAndThePosterCarryAQRCodeOfTheCodeWithItsAddressBesideIt() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let address = "https://www.alpha.example.sch.uk/parents/social-media/code-of-conduct/"
        for name in ["letter-print.html", "poster.html"] {
            let page = try fixture.read("Output/dist/alpha-academy/\(name)")
            #expect(page.components(separatedBy: "<svg ").count == 2, "one QR code in \(name)")
            #expect(page.contains(#"<div class="qr"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#), "\(name)")
            #expect(page.contains(#"role="img" aria-label="QR code for the Social Media Code of Conduct: \#(address)""#), "\(name)")
            // Printed whole, breaking only between the parts of its path when the box is narrow.
            #expect(page.contains(#"<p class="address"><a href="\#(address)">https://www.alpha.example.sch.uk/<wbr>parents/<wbr>"#
                                  + #"social-media/<wbr>code-of-conduct/<wbr></a></p>"#), "\(name)")
        }
        let readme = try fixture.read("Output/dist/alpha-academy/README.txt")
        #expect(readme.contains("Its QR code leads\n    to the Code at \(address)"))
        #expect(readme.contains("poster.html\n    An A5 poster for reception and for newsletters"))
    }

    @Test func thePosterIsA5WithTheSchoolItsColourTheExpectationsAndTheAssociation() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let poster = try fixture.read("Output/dist/alpha-academy/poster.html")
        #expect(poster.contains("@page { size: A5;"))
        #expect(poster.contains(":root { --brand: #7b1e1e; }"))
        #expect(poster.contains(#"<img src="data:image/svg+xml;base64,"#), "the logo travels inside the file")
        #expect(poster.contains(#"<p class="school">Alpha Academy</p>"#))
        #expect(poster.contains("<li>Be kind in messages</li>\n<li>Raise concerns with the school first</li>"))
        #expect(poster.contains("This Code is shared by the secondary schools and colleges of the Test Association of Headteachers."))
        // Beta College gives no colour or logo: the site's default colour, and no image.
        let beta = try fixture.read("Output/dist/beta-college/poster.html")
        #expect(beta.contains(#"<p class="school">Beta College</p>"#))
        #expect(!beta.contains("<img"))
    }

    @Test func aDryRunWritesNothing() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let publication = try publish(fixture, dryRun: true)
        #expect(publication.manifest.files.count > 20)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))
        _ = try publish(fixture)
        let before = tree(fixture.url("Output"))
        try fixture.write(try fixture.read("Content/code-of-conduct.md") + "\nOne more line.\n", to: "Content/code-of-conduct.md")
        let dry = try publish(fixture, dryRun: true)
        #expect(!dry.report.changes.isEmpty)
        #expect(tree(fixture.url("Output")) == before)
    }

    @Test func editingOneSchoolsSectionChangesOnlyThatSchoolsEntries() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path) + "\nWe have a new parent forum.\n", to: path)
        let report = try publish(fixture).report
        #expect(report.changes.map(\.school) == ["alpha-academy"])
        let changes = try #require(report.changes.first)
        #expect(changes.added.isEmpty && changes.removed.isEmpty)
        #expect(changes.changed == ["alpha-academy/code-of-conduct/index.html", "dist/alpha-academy-2.1.zip",
                                    "dist/alpha-academy/embed.html"])
        #expect(report.unchangedSchools == 1)
        let saved = try fixture.read("Output/changes.txt")
        #expect(saved == report.text)
        #expect(saved.contains("alpha-academy: 3 changed\n  ~ alpha-academy/code-of-conduct/index.html\n"))
        #expect(saved.hasSuffix("Unchanged: 1 school.\n"))
    }

    @Test func aFailingCheckBlocksThePublishAndKeepsThePreviousOne() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let before = tree(fixture.url("Output"))
        try fixture.write("name: [unclosed\n", to: "Schools/beta-college/school.yml")
        #expect(throws: Pipeline.Failure.self) { try publish(fixture) }
        #expect(tree(fixture.url("Output")) == before)
    }

    @Test func aBrokenLinkInThePagesBlocksThePublish() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        _ = try publish(fixture)
        let before = tree(fixture.url("Output"))
        let path = "Schools/alpha-academy/sections/a-welcome.md"
        try fixture.write(try fixture.read(path) + "\nSee [our photo policy](../photo-policy/).\n", to: path)
        do {
            _ = try publish(fixture)
            Issue.record("published a page with a broken link")
        } catch {
            guard case .invalidSite(let diagnostics)? = error as? Pipeline.Failure else { throw error }
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.location.path == "Output/alpha-academy/code-of-conduct/index.html", "\(diagnostics)")
            #expect(diagnostics.first?.message.contains("photo-policy") == true, "\(diagnostics)")
        }
        #expect(tree(fixture.url("Output")) == before)
    }

    @Test func nothingIsPublishedBeforeTheCodeIs() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let code = try fixture.read("Content/code-of-conduct.md")
        try fixture.write(code.replacingOccurrences(of: "title:", with: "publish_from: 2026-11-16T08:00\ntitle:"),
                          to: "Content/code-of-conduct.md")
        do {
            _ = try publish(fixture, asOf: LondonTime.instant(parsing: "2026-11-16T07:59")!)
            Issue.record("published before the Code's publish_from")
        } catch {
            guard case .invalidSite(let diagnostics)? = error as? Pipeline.Failure else { throw error }
            #expect(diagnostics.map(\.description) == [
                "Content/code-of-conduct.md:1:1: error: nothing to publish: the Code is not published as of 2026-11-16T07:59+00:00\n"
                    + "    hint: check its draft, publish_from and publish_until, or give a later --as-of",
            ])
        }
        #expect(try publish(fixture, asOf: LondonTime.instant(parsing: "2026-11-16T08:00")!).schools.count == 2)
    }
}
