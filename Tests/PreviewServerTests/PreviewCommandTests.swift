import Foundation
import TestSupport
import Testing

/// `conduct preview` run as a user runs it: a process that serves until Ctrl-C.
final class RunningCommand: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data(), err = Data()

    init(_ arguments: [String]) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("conduct")
        process.executableURL = binary
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let data = handle.availableData
            lock.withLock { out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let data = handle.availableData
            lock.withLock { err.append(data) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// The port from the "Previewing ... at http://127.0.0.1:<port>/" line, once printed.
    func port(within limit: Duration = .seconds(20)) async throws -> Int {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let match = stdout.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\//), let port = Int(match.1) { return port }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RawHTTPError("no address printed; stdout: \(stdout) stderr: \(stderr)")
    }

    /// Whether stderr comes to contain `text` within the wait: the server may send a
    /// reload before the pipe has delivered what it printed about it.
    func stderr(contains text: String, within limit: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while !stderr.contains(text), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return stderr.contains(text)
    }

    func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// The exit status, or nil if the process is still running after the wait.
    func exitStatus(within limit: Duration = .seconds(10)) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else {
            process.terminate()
            return nil
        }
        // Let the pipes deliver what the process printed last.
        try await Task.sleep(for: .milliseconds(100))
        return process.terminationStatus
    }
}

@Suite struct PreviewCommandTests {
    @Test func servesUntilCtrlCThenStopsCleanlyWritingNothing() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let command = try RunningCommand(["preview", "alpha-academy", "--port", "0", "--root", fixture.root.path])
        let port = try await command.port()
        #expect(command.stdout.contains("Built 5 pages in "))
        #expect(command.stdout.contains("Watching Content/, Templates/, Schools/alpha-academy/"))
        let page = try await request("/", port: port)
        #expect(page.status == 200)
        #expect(page.text.contains("Alpha Academy"))
        // An open page must not keep the server from stopping.
        let events = try await EventStream(port: port)
        try fixture.write("---\nreplace: contact-your-school\n---\nCall us.\n", to: "Schools/alpha-academy/sections/c-contact.md")
        #expect(try await events.nextReload() != nil)
        command.interrupt()
        #expect(try await command.exitStatus() == 0, "\(command.stderr)")
        #expect(try await events.waitForEnd(within: .seconds(1)))
        #expect(command.stdout.contains("Schools/alpha-academy/sections/c-contact.md changed: rebuilt 5 pages in "))
        #expect(command.stdout.hasSuffix("Stopped.\n"))
        #expect(command.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("Output").path))
    }

    @Test func errorsArePrintedAndTheServerCarriesOn() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let command = try RunningCommand(["preview", "alpha-academy", "--port", "0", "--root", fixture.root.path])
        let port = try await command.port()
        let events = try await EventStream(port: port)
        try fixture.write("slug: alpha-academy\nname: [unclosed\n", to: "Schools/alpha-academy/school.yml")
        #expect(try await events.nextReload() != nil)
        #expect(try await command.stderr(contains: "Schools/alpha-academy/school.yml:"), "\(command.stderr)")
        #expect(try await command.stderr(contains: "the pages show"), "\(command.stderr)")
        #expect(try await request("/", port: port).text.contains("conduct-preview-errors"))
        command.interrupt()
        #expect(try await command.exitStatus() == 0)
    }

    @Test func asOfShowsTheSiteAsItWillBeThen() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        for (asOf, banner) in [("2026-11-16T09:00", true), ("2026-11-21", false)] {
            let command = try RunningCommand(["preview", "alpha-academy", "--port", "0", "--root", fixture.root.path,
                                              "--as-of", asOf])
            let page = try await request("/", port: try await command.port())
            #expect(page.text.contains("campaign-banner") == banner, "--as-of \(asOf)")
            command.interrupt()
            #expect(try await command.exitStatus() == 0)
        }
    }

    @Test func withoutASlugItNamesTheSchools() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let command = try RunningCommand(["preview", "--root", fixture.root.path])
        #expect(try await command.exitStatus() == 2)
        #expect(command.stderr.contains("hint: schools: alpha-academy, beta-college"))
    }

    @Test func anUnknownSlugNamesTheSchools() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let command = try RunningCommand(["preview", "gamma-school", "--port", "0", "--root", fixture.root.path])
        #expect(try await command.exitStatus() == 2)
        #expect(command.stderr == "error: no school folder named 'gamma-school' under Schools/\n    hint: schools: alpha-academy, beta-college\n")
        #expect(command.stdout.isEmpty)
    }

    @Test func aPortInUseIsReportedWithAHint() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let first = try RunningCommand(["preview", "alpha-academy", "--port", "0", "--root", fixture.root.path])
        let port = try await first.port()
        let second = try RunningCommand(["preview", "alpha-academy", "--port", "\(port)", "--root", fixture.root.path])
        #expect(try await second.exitStatus() == 1)
        #expect(second.stderr.contains("error: cannot listen on 127.0.0.1:\(port): Address already in use"))
        #expect(second.stderr.contains("hint: choose another port with --port"))
        first.interrupt()
        #expect(try await first.exitStatus() == 0)
    }

    @Test func listeningBeyondThisComputerNeedsHostAndWarns() async throws {
        let fixture = try FixtureSite()
        defer { fixture.remove() }
        let command = try RunningCommand(["preview", "alpha-academy", "--host", "0.0.0.0", "--port", "0", "--root", fixture.root.path])
        let deadline = ContinuousClock.now + .seconds(20)
        while !command.stdout.contains("Previewing"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await command.stderr(contains: "warning: listening on 0.0.0.0: "))
        #expect(command.stderr.hasPrefix("warning: listening on 0.0.0.0: "))
        #expect(command.stdout.contains("at http://0.0.0.0:"))
        command.interrupt()
        #expect(try await command.exitStatus() == 0)
    }
}
