import ConductKit
import Foundation
@testable import PreviewServer
import TestSupport

/// A preview server running in this process on a free port, against a temporary copy
/// of the fixture site; it records every event the server reports.
final class PreviewHarness: @unchecked Sendable {
    static let school = "alpha-academy"

    let fixture: FixtureSite
    /// What the server serves and who listens for reloads.
    let state = PreviewState()
    private(set) var port = 0
    private var server: Task<Void, any Error>?
    private let lock = NSLock()
    private var recorded: [PreviewEvent] = []

    /// `prepare` edits the copy of the site before the server starts.
    init(quietPeriod: Duration = .milliseconds(30), limits: ConnectionLimits = .standard, host: String = "127.0.0.1",
         prepare: (FixtureSite) throws -> Void = { _ in }) async throws {
        fixture = try FixtureSite()
        try prepare(fixture)
        var configuration = PreviewServer.Configuration(root: fixture.root, school: Self.school, host: host, port: 0,
                                                        quietPeriod: quietPeriod)
        configuration.limits = limits
        server = Task { [self] in
            try await PreviewServer.run(configuration, stopsOnSignals: false, state: state) { self.record($0) }
        }
        // Generous: on two cores, heavy tests of other suites can hold the cooperative
        // threads for many seconds while this server starts.
        let deadline = ContinuousClock.now + .seconds(90)
        while port == 0 {
            guard ContinuousClock.now < deadline else { throw RawHTTPError("the preview did not start listening") }
            try await Task.sleep(for: .milliseconds(10))
            port = lock.withLock { recorded.lazy.compactMap(\.listeningPort).first ?? 0 }
        }
    }

    private func record(_ event: PreviewEvent) {
        lock.withLock { recorded.append(event) }
    }

    /// The builds reported so far, the first one included.
    var builds: [BuildReport] {
        lock.withLock { recorded.compactMap(\.build) }
    }

    func get(_ target: String, method: String = "GET", host: String? = nil, headers: String = "") async throws -> HTTPReply {
        try await request(target, port: port, method: method, host: host, headers: headers)
    }

    /// The version a page shows, from its reload script.
    func version(of page: HTTPReply) -> String? {
        guard let query = page.text.range(of: "?version=") else { return nil }
        return String(page.text[query.upperBound...].prefix { $0 != "\"" })
    }

    /// Opens the event stream the way the page at `target` does.
    func openEvents(for target: String = "/") async throws -> EventStream {
        try await EventStream(port: port, version: version(of: try await get(target)))
    }

    /// Waits until `count` builds were reported, then for a while longer when `settle`
    /// is given, to see that no more come.
    func waitForBuilds(_ count: Int, settle: Duration = .zero) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while builds.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: settle)
    }

    /// Stops the server as cancelling its task does; throws what the server threw, if anything.
    func stop() async throws {
        defer { fixture.remove() }
        server?.cancel()
        try await server?.value
    }
}

extension PreviewEvent {
    var listeningPort: Int? {
        if case .listening(let url) = self { return url.port }
        return nil
    }

    var build: BuildReport? {
        if case .built(let report) = self { return report }
        return nil
    }
}
