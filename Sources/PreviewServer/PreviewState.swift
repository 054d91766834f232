import ConductKit
import Foundation

/// What the server shows, shared by the requests and the rebuilds: the last build of
/// the school that succeeded, the problems of the latest build (none when it
/// succeeded), and the browsers waiting to hear that it changed.
actor PreviewState {
    struct View: Sendable {
        var site: ServedSite?
        var problems: [Diagnostic]
        var version: String
    }

    private var site: ServedSite?
    private var problems: [Diagnostic] = []
    private var generation = 0
    /// Sets this run's versions apart from a previous run's, so that a page left open
    /// across a restart of the preview reloads too.
    private let session = String(UInt32.random(in: .min ... .max), radix: 36)
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    private var isClosed = false
    private var address: URL?

    var version: String { "\(session)-\(generation)" }

    var view: View { View(site: site, problems: problems, version: version) }

    /// The address the server listens on, once it does.
    var listeningAddress: URL? { address }

    func listening(at url: URL) {
        address = url
    }

    /// Keeps a successful build, or the problems of a failed one (the last good site
    /// stays behind the overlay). Returns whether what a browser shows changed, in
    /// which case every listener is told the new version.
    func record(_ site: ServedSite) -> Bool {
        let changed = site != self.site || !problems.isEmpty
        self.site = site
        problems = []
        return announceIf(changed)
    }

    func record(problems: [Diagnostic]) -> Bool {
        let changed = problems != self.problems
        self.problems = problems
        return announceIf(changed)
    }

    private func announceIf(_ changed: Bool) -> Bool {
        guard changed else { return false }
        generation += 1
        for listener in listeners.values { listener.yield(version) }
        return true
    }

    /// The versions announced from now on, and at once the current one if the page
    /// that asks shows another (`known`). Ends when the preview stops, or when the
    /// returned continuation is finished (the page went away).
    func announcements(known: String?) -> (AsyncStream<String>, AsyncStream<String>.Continuation) {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        guard !isClosed else {
            continuation.finish()
            return (stream, continuation)
        }
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.stopListening(id) } }
        if let known, known != version { continuation.yield(version) }
        return (stream, continuation)
    }

    /// How many pages are listening for reloads.
    var listenerCount: Int { listeners.count }

    private func stopListening(_ id: UUID) {
        listeners[id] = nil
    }

    /// Ends every event stream, so that the server can close its connections and stop.
    func close() {
        isClosed = true
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}
