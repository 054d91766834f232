import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A build stopped at any moment (a crash, `kill -9`, Ctrl-C) never leaves a site that a
/// later build takes for finished, and two builds never write into one folder at once.
///
/// The writer counts the steps of writing the output and, for tests only, stops the
/// process at the step named by `CONDUCT_TEST_STOP_AT_STEP` (see `StopPoint`).
@Suite struct InterruptedBuildTests {
    static let asOf = ["--as-of", "2026-10-01"]
    static let stopped: Int32 = 86

    /// Two versions of the fixture's sources: as copied, and with a sentence added to
    /// the Code and one school taken away (so that entries are both replaced and removed).
    struct Sources {
        let fixture: FixtureSite
        let code: String

        init(_ fixture: FixtureSite) throws {
            self.fixture = fixture
            code = try fixture.read("Content/code-of-conduct.md")
        }

        func edit() throws {
            try fixture.write(code + "\nA sentence that must not survive.\n", to: "Content/code-of-conduct.md")
            try FileManager.default.moveItem(at: fixture.url("Schools/beta-college"), to: fixture.url("beta-college-aside"))
        }

        func restore() throws {
            try fixture.write(code, to: "Content/code-of-conduct.md")
            try FileManager.default.moveItem(at: fixture.url("beta-college-aside"), to: fixture.url("Schools/beta-college"))
        }
    }

    /// Every file of a built output except the build record, whose fingerprints name
    /// inodes and times that differ from one folder to another.
    private func site(_ folder: URL) -> [String: Data] {
        snapshot(folder).filter { $0.key != ".conduct-build.json" }
    }

    /// Temporary folders left beside `Output/`.
    private func leftovers(_ fixture: FixtureSite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixture.root.path)
            .filter { $0.hasPrefix(".Output.new-") || $0.hasPrefix(".Output.old-") }
    }

    private func build(_ fixture: FixtureSite, stoppingAt step: Int? = nil, with signal: String? = nil,
                       into output: String? = nil) throws -> Run {
        var environment: [String: String] = [:]
        if let step { environment["CONDUCT_TEST_STOP_AT_STEP"] = "\(step)" }
        if let signal { environment["CONDUCT_TEST_STOP_WITH"] = signal }
        return try conduct(["build"] + Self.asOf + (output.map { ["--output", $0] } ?? []), in: fixture.root,
                           environment: environment)
    }

    /// The case at every step: a build of the edited sources is killed, the
    /// sources are restored (or not) and built again. The result must be what a clean
    /// build of those sources gives, with no temporary folder left.
    @Test func aBuildStoppedAtAnyStepIsMadeWholeByTheNextBuild() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let sources = try Sources(fixture)
        #expect(try build(fixture, into: "Clean-original").status == 0)
        try sources.edit()
        #expect(try build(fixture, into: "Clean-edited").status == 0)
        try sources.restore()
        let original = site(fixture.url("Clean-original")), edited = site(fixture.url("Clean-edited"))
        #expect(original != edited)
        #expect(try build(fixture).status == 0)

        var step = 1
        while true {
            try sources.edit()
            let stoppedRun = try build(fixture, stoppingAt: step)
            if stoppedRun.status == 0 { break }  // past the last step: every step was tried
            #expect(stoppedRun.status == Self.stopped, "step \(step): \(stoppedRun.stderr)")
            // Half the time the edit is kept, half the time it is undone, as in the issue.
            let keepEdit = step % 2 == 0
            if !keepEdit { try sources.restore() }
            let next = try build(fixture)
            #expect(next.status == 0, "step \(step): \(next.stderr)")
            #expect(site(fixture.url("Output")) == (keepEdit ? edited : original), "after stopping at step \(step)")
            #expect(try leftovers(fixture) == [], "after stopping at step \(step)")
            if keepEdit {
                try sources.restore()
                #expect(try build(fixture).status == 0)
                #expect(site(fixture.url("Output")) == original, "after stopping at step \(step), then restoring")
            }
            step += 1
            try #require(step < 40, "the writer never finished")
        }
        #expect(step > 8, "a commit that replaces and removes entries has more steps than \(step - 1)")
        #expect(site(fixture.url("Output")) == edited)
    }

    /// Ctrl-C while the new files are being written: the temporary folder is removed,
    /// the previous site stays, and the status is 130.
    @Test func ctrlCBeforeTheSwapLeavesThePreviousSiteAndExits130() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try build(fixture).status == 0)
        let before = site(fixture.url("Output"))
        try Sources(fixture).edit()
        let run = try build(fixture, stoppingAt: 1, with: "SIGINT")
        #expect(run.status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr == "interrupted: stopped before anything was swapped in; Output/ was left as it was\n")
        #expect(site(fixture.url("Output")) == before)
        #expect(try leftovers(fixture) == [])
    }

    /// The same for a publish stopped while its files are being written: Ctrl-C stops it
    /// there, rather than being answered once the whole publish is swapped in.
    @Test func ctrlCWhileAPublishWritesLeavesThePreviousPublishAndExits130() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try conduct(["publish"] + Self.asOf, in: fixture.root).status == 0)
        let before = site(fixture.url("Output"))
        try Sources(fixture).edit()
        let run = try conduct(["publish"] + Self.asOf, in: fixture.root,
                              environment: ["CONDUCT_TEST_STOP_AT_STEP": "1", "CONDUCT_TEST_STOP_WITH": "SIGINT"])
        #expect(run.status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr == "interrupted: stopped before anything was swapped in; Output/ was left as it was\n")
        #expect(site(fixture.url("Output")) == before)
        #expect(try leftovers(fixture) == [])
    }

    /// SIGTERM in the middle of the swap: the swap is finished first, so the output is
    /// the whole new site, and the status is 143.
    @Test func sigtermDuringTheSwapFinishesItAndExits143() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let sources = try Sources(fixture)
        try sources.edit()
        #expect(try build(fixture, into: "Clean-edited").status == 0)
        try sources.restore()
        #expect(try build(fixture).status == 0)
        try sources.edit()
        let run = try build(fixture, stoppingAt: 5, with: "SIGTERM")
        #expect(run.status == 143, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.hasPrefix("interrupted: the new site was already being swapped in"), "\(run.stderr)")
        #expect(site(fixture.url("Output")) == site(fixture.url("Clean-edited")))
        #expect(try leftovers(fixture) == [])
    }

    /// A file changed by hand while a build is swapping its output in: the build must not
    /// vouch for it, even where its bytes are shared with the previous output by a link
    /// (an edit made in place changes both), so the next build makes it again.
    @Test func aFileChangedByHandDuringTheSwapIsMadeAgainByTheNextBuild() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let sources = try Sources(fixture)
        try sources.edit()
        #expect(try build(fixture, into: "Clean-edited").status == 0)
        try sources.restore()
        #expect(try build(fixture).status == 0)
        try sources.edit()

        // Paused once the retired folder is made (step 3), before any rename.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("conduct")
        process.arguments = ["build"] + Self.asOf
        process.currentDirectoryURL = fixture.root
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["CONDUCT_TEST_STOP_AT_STEP": "3", "CONDUCT_TEST_STOP_WITH": "SIGSTOP"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var paused = false
        for _ in 0..<1000 where !paused {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            paused = stat.split(separator: ")").last?.split(separator: " ").first == "T"
            if !paused { usleep(10_000) }
        }
        try #require(paused, "the build never reached step 3")
        let handle = try FileHandle(forWritingTo: fixture.url("Output/assets/site.css"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("/* changed by hand */\n".utf8))
        try handle.close()
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        #expect(try build(fixture).status == 0)
        #expect(site(fixture.url("Output")) == site(fixture.url("Clean-edited")))
    }

    @Test func theNextBuildRemovesFoldersLeftByStoppedBuildsAndSaysSo() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try build(fixture).status == 0)
        let fileManager = FileManager.default
        for name in [".Output.new-1", ".Output.old-2", ".Output.new-3"] {
            try fixture.write("<p>half a page", to: "\(name)/alpha-academy/index.html")
        }
        // Only folders holding conduct's marker are its own; the third is left alone.
        try fixture.write("", to: ".Output.new-1/.conduct-unfinished")
        try fixture.write("", to: ".Output.old-2/.conduct-unfinished")
        let run = try build(fixture)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(" -> Output/ (removed 2 temporary folders left by stopped builds)\n"), "\(run.stdout)")
        #expect(try leftovers(fixture) == [".Output.new-3"])
        #expect(fileManager.fileExists(atPath: fixture.url(".Output.new-3/alpha-academy/index.html").path))
    }

    /// While one process holds the output folder's lock, a build or publish into it is
    /// refused with the holder's process id, and nothing is changed.
    @Test func aSecondBuildOrPublishIntoTheSameFolderIsRefused() throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        #expect(try build(fixture).status == 0)
        let before = snapshot(fixture.url("Output"))
        let lockFile = open(fixture.url(".Output.lock").path, O_RDWR | O_CREAT, 0o644)
        try #require(lockFile >= 0)
        defer { close(lockFile) }
        try #require(flock(lockFile, LOCK_EX | LOCK_NB) == 0)
        let pid = "\(getpid())\n"
        _ = ftruncate(lockFile, 0)
        _ = pwrite(lockFile, pid, pid.utf8.count, 0)

        try Sources(fixture).edit()
        for command in [["build"], ["publish"]] {
            let run = try conduct(command + Self.asOf, in: fixture.root)
            #expect(run.status == 1, "\(command): \(run.stdout)")
            #expect(run.stderr.contains(": error: another conduct build or publish (process \(getpid())) is writing to this folder\n"),
                    "\(run.stderr)")
            #expect(snapshot(fixture.url("Output")) == before)
        }
        flock(lockFile, LOCK_UN)
        #expect(try build(fixture).status == 0)
    }
}
