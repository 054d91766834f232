import Foundation
import TestSupport
import Testing

/// Runs the built `conduct` binary as a user would and checks what it prints and
/// its exit status.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

func conduct(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Run {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("conduct")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
               stderr: String(decoding: stderr, as: UTF8.self))
}

/// Every file below `folder` with its bytes, to compare whole output trees.
func snapshot(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
    for case let path as String in enumerator {
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
    }
    return files
}

@Suite struct BuildCommandTests {
    @Test func buildsEverySchoolAndPrintsOneSummaryLine() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["build"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(try Regex(#"^Built 2 schools, 11 pages in \d+\.\d\d s -> Output/\n$"#).wholeMatch(in: run.stdout) != nil,
                "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/beta-college/letter/index.html").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url("Output/index.html").path))
    }

    @Test func buildIsTheDefaultCommandAndRootCanBeGiven() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["--root", fixture.root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Built 2 schools"))
    }

    @Test func contentErrorsArePrintedTogetherWithExitStatusOne() throws {
        let fixture = try FixtureSite(invalidCase: "section-targets")
        defer { fixture.remove() }
        let run = try conduct(["build"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let expected = try FixtureSite.expectedDiagnostics(of: "section-targets")
        #expect(run.stderr == expected + "6 errors; nothing was written.\n")
        #expect(!run.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))
    }

    @Test func aFailedBuildLeavesThePreviousOutputIntact() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build"], in: fixture.root).status == 0)
        let before = snapshot(fixture.url("Output"))
        try fixture.write("slug: beta-college\nname: [unclosed\n", to: "Schools/beta-college/school.yml")
        let run = try conduct(["build"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Schools/beta-college/school.yml:3:1: error: YAML syntax error:"), "\(run.stderr)")
        #expect(snapshot(fixture.url("Output")) == before)
        // Only the lock file, which stays beside the output folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [".Output.lock"])
    }

    @Test func schoolOptionRebuildsOnlyThatSchoolAndKeepsTheOthers() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build"], in: fixture.root).status == 0)
        let betaBefore = try fixture.read("Output/beta-college/index.html")
        // Break beta: building alpha alone must still work and keep beta's old pages.
        try fixture.write("slug: beta-college\nname: Beta\ntown: Runcorn\nwebsite: http://insecure.example\n",
                          to: "Schools/beta-college/school.yml")
        try fixture.write("---\nafter: keeping-safe\n---\n## New for Alpha\n\nHello.\n", to: "Schools/alpha-academy/sections/z-new.md")
        let run = try conduct(["build", "--school", "alpha-academy"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        // Five pages of the school, plus the consortium page listing every school.
        #expect(run.stdout.hasPrefix("Built 1 school, 6 pages"), "\(run.stdout)")
        #expect(try fixture.read("Output/alpha-academy/code-of-conduct/index.html").contains("New for Alpha"))
        #expect(try fixture.read("Output/beta-college/index.html") == betaBefore)
        #expect(try fixture.read("Output/index.html").contains(#"<a href="beta-college/">Beta</a>"#),
                "the index page still links the school that was kept")
    }

    @Test func aSchoolNeverBuiltIsListedButNotLinked() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["build", "--school", "alpha-academy"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        let index = try fixture.read("Output/index.html")
        #expect(index.contains(#"<a href="alpha-academy/">Alpha Academy</a>"#))
        #expect(index.contains("<li>Beta College<span class=\"town\">, Runcorn</span></li>"))
    }

    @Test func severalSchoolOptionsAreAllowed() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["build", "--school", "alpha-academy", "--school", "beta-college"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Built 2 schools"))
    }

    @Test func anUnknownSchoolIsAUsageErrorThatListsTheSlugs() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["build", "--school", "gamma"], in: fixture.root)
        #expect(run.status == 2)
        #expect(run.stderr == "error: no school folder named 'gamma' under Schools/\n    hint: schools: alpha-academy, beta-college\n")
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        let run = try conduct(["build", "--colour"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Unknown option '--colour'"))
    }

    @Test func refusesToReplaceAnOutputFolderItDidNotCreate() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        try fixture.write("my homework", to: "Documents/homework.txt")
        let run = try conduct(["build", "--output", fixture.url("Documents").path], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: refusing to replace this folder: conduct did not create it"))
        #expect(try fixture.read("Documents/homework.txt") == "my homework")
        // A file is refused too, and neither refusal leaves a lock file beside it.
        let file = try conduct(["build", "--output", fixture.url("Documents/homework.txt").path], in: fixture.root)
        #expect(file.status == 1)
        #expect(file.stderr.contains("error: refusing to replace this path: it is a file"), "\(file.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".Documents.lock").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.url("Documents").path) == ["homework.txt"])
    }

    @Test func refusesToWriteIntoTheSitesOwnFilesOrAnEmptyFolder() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let inside = try conduct(["build", "--output", "Templates/assets/out"], in: fixture.root)
        #expect(inside.status == 1)
        #expect(inside.stderr.contains("error: refusing to write the site here"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Templates/assets/out").path))
        try FileManager.default.createDirectory(at: fixture.url("empty"), withIntermediateDirectories: true)
        let empty = try conduct(["build", "--output", "empty"], in: fixture.root)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("conduct did not create it"))
    }

    /// A symbolic link on the way to `--output` (or to `--root`) is followed to where it
    /// really leads: a site written there would be read back as sources by the next build.
    @Test func refusesToWriteIntoTheSitesOwnFilesThroughASymbolicLink() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: fixture.url("shortcut").path, withDestinationPath: "Schools")
        let throughOutput = try conduct(["build", "--output", "shortcut/alpha-academy/out"], in: fixture.root)
        #expect(throughOutput.status == 1, "\(throughOutput.stdout)")
        #expect(throughOutput.stderr.contains("error: refusing to write the site here"), "\(throughOutput.stderr)")
        let rootLink = fixture.root.deletingLastPathComponent().appendingPathComponent(fixture.root.lastPathComponent + "-link")
        try fileManager.createSymbolicLink(at: rootLink, withDestinationURL: fixture.root)
        defer { try? fileManager.removeItem(at: rootLink) }
        let throughRoot = try conduct(["build", "--root", rootLink.path, "--output", fixture.url("Schools/alpha-academy/out").path])
        #expect(throughRoot.status == 1, "\(throughRoot.stdout)")
        #expect(throughRoot.stderr.contains("error: refusing to write the site here"), "\(throughRoot.stderr)")
        // Nothing was made in the sources, not even the lock file, and they still build.
        #expect(try fileManager.contentsOfDirectory(atPath: fixture.url("Schools/alpha-academy").path).sorted()
                == ["logo.svg", "school.yml", "sections"])
        #expect(try conduct(["build"], in: fixture.root).status == 0)
    }

    /// A build into Output/ removes whatever it did not make there, so a site written
    /// inside it, by a build running at the same time or before, would silently vanish.
    @Test func refusesToWriteInsideAnotherBuiltSite() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["build"], in: fixture.root).status == 0)
        let before = snapshot(fixture.url("Output"))
        for nested in ["Output/preview", "Output/alpha-academy/preview"] {
            let run = try conduct(["build", "--output", nested], in: fixture.root)
            #expect(run.status == 1, "\(nested): \(run.stdout)")
            #expect(run.stderr.contains("error: refusing to write the site here: it is inside \(fixture.url("Output").path), "
                                        + "which conduct made"), "\(run.stderr)")
        }
        #expect(snapshot(fixture.url("Output")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.url("Output").path).filter { $0.hasPrefix(".preview") } == [])
    }

    @Test func outputCanGoElsewhere() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["build", "--output", "public/site"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("-> public/site/\n"))
        #expect(FileManager.default.fileExists(atPath: fixture.url("public/site/alpha-academy/index.html").path))
    }

    @Test func helpShowsAnExample() throws {
        for command in ["build", "list", "new-school"] {
            let run = try conduct([command, "--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("Example"), "\(command) --help has no example")
        }
    }
}

@Suite struct ListAndNewSchoolTests {
    @Test func listPrintsSlugNameAndTown() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["list"], in: fixture.root)
        #expect(run.status == 0)
        #expect(run.stdout == """
            alpha-academy  Alpha Academy  (Widnes)
            beta-college   Beta College  (Runcorn)

            """)
    }

    @Test func newSchoolScaffoldsAValidSchoolThatBuilds() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["new-school", "gamma-high", "--name", "Gamma: \"High\" School", "--town", "Widnes",
                               "--website", "https://gamma.example.sch.uk/"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Created Schools/gamma-high/school.yml"))
        #expect(run.stdout.contains("brand_colour"))
        let build = try conduct(["build", "--school", "gamma-high"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try fixture.read("Output/gamma-high/index.html").contains("Gamma: &quot;High&quot; School"))
        let list = try conduct(["list"], in: fixture.root)
        #expect(list.stdout.contains("gamma-high     Gamma: \"High\" School  (Widnes)"))
    }

    @Test func newSchoolRejectsABadSlugAndAnExistingSchool() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let bad = try conduct(["new-school", "Gamma_High", "--name", "G", "--town", "W", "--website", "https://g.example/"],
                              in: fixture.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'Gamma_High' is not a valid slug"))
        let existing = try conduct(["new-school", "beta-college", "--name", "B", "--town", "W",
                                    "--website", "https://b.example/"], in: fixture.root)
        #expect(existing.status == 2)
        #expect(try fixture.read("Schools/beta-college/school.yml").contains("name: Beta College"))
    }

    /// A name pasted with a line break would have ended its line of school.yml (and of
    /// the comment above it), and the rest would have become a key of its own.
    @Test func newSchoolRefusesALineBreakOrControlCharacterInAValue() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["new-school", "delta", "--name", "Delta\nbase_url: https://evil.example/\n#", "--town", "Run\u{1B}corn",
                               "--website", "https://delta.example.sch.uk/"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Schools/delta/school.yml:3:7: error: 'name' holds the control character U+000A"))
        #expect(run.stderr.contains("Schools/delta/school.yml:4:7: error: 'town' holds the control character U+001B"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Schools/delta").path))
    }

    @Test func newSchoolWithAnInsecureWebsiteSaysWhatToFix() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let run = try conduct(["new-school", "delta", "--name", "Delta", "--town", "Runcorn",
                               "--website", "http://delta.example.sch.uk/"], in: fixture.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Schools/delta/school.yml:5:10: error: 'website' must be an https:// address"))
    }
}
