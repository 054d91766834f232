import ConductKit
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Serves one school's site on this computer while its files are edited: each change
/// under `Content/`, `Templates/` or `Schools/<slug>/` rebuilds the school in memory
/// and reloads the open pages; a build that fails shows its problems over the pages
/// instead of stopping the server. It prints nothing: it reports events.
public enum PreviewServer {
    public struct Configuration: Sendable {
        /// The folder holding `Content/`, `Templates/` and `Schools/`.
        public var root: URL
        /// The school's folder name under `Schools/`.
        public var school: String
        public var host: String
        /// 0 lets the system choose a free port; `.listening` tells which.
        public var port: Int
        /// Saves closer together than this are one change, built once. Short, because it
        /// is part of the wait between a save and the reload; an editor's "save all" or a
        /// branch switch writes its files well within it.
        public var quietPeriod: Duration
        /// The time every build is made for (`--as-of`); nil for the time of each build.
        public var asOf: Date?
        /// How long requests may take to arrive and connections may stay idle; tests shorten them.
        var limits = ConnectionLimits.standard

        public init(root: URL, school: String, host: String = "127.0.0.1", port: Int = 8000,
                    quietPeriod: Duration = .milliseconds(30), asOf: Date? = nil) {
            self.asOf = asOf
            self.root = root
            self.school = school
            self.host = host
            self.port = port
            self.quietPeriod = quietPeriod
        }

        /// The folders whose changes rebuild the school, relative to the root.
        public var watchedFolders: [String] { ["Content", "Templates", "Schools/\(school)"] }

        /// Whether only this computer can reach the preview (a loopback address).
        public var isLoopbackOnly: Bool {
            if host == "localhost" { return true }
            var ipv4 = in_addr()
            if inet_pton(AF_INET, host, &ipv4) == 1 { return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127 }
            var ipv6 = in6_addr()
            var loopback = in6_addr()
            guard inet_pton(AF_INET6, host, &ipv6) == 1, inet_pton(AF_INET6, "::1", &loopback) == 1 else { return false }
            return withUnsafeBytes(of: ipv6) { mine in withUnsafeBytes(of: loopback) { mine.elementsEqual($0) } }
        }
    }

    public enum Failure: Error, Sendable, Equatable {
        /// There is no `Schools/<slug>/`; `available` lists the slugs there are.
        case unknownSchool(String, available: [String])
        case cannotWatch(folder: String, reason: String)
        case cannotListen(address: String, reason: String)
        /// The server stopped on an error after it had started.
        case serverFailed(reason: String)
    }

    /// Builds the school, serves it and rebuilds it on every change, until SIGINT or
    /// SIGTERM (when `stopsOnSignals`) or until the task is cancelled. Returns after
    /// a clean stop: open event streams are ended first so that no connection hangs.
    public static func run(_ configuration: Configuration, stopsOnSignals: Bool = true,
                           report: @escaping @Sendable (PreviewEvent) -> Void) async throws(Failure) {
        try await run(configuration, stopsOnSignals: stopsOnSignals, state: PreviewState(), report: report)
    }

    /// `run` with the state shared by the requests and the rebuilds given, so that tests can look into it.
    static func run(_ configuration: Configuration, stopsOnSignals: Bool, state: PreviewState,
                    report: @escaping @Sendable (PreviewEvent) -> Void) async throws(Failure) {
        let builder = SchoolBuilder(root: configuration.root, school: configuration.school, asOf: configuration.asOf)
        let watcher = FolderWatcher(root: configuration.root, trees: configuration.watchedFolders,
                                    quietPeriod: configuration.quietPeriod)
        // Watching starts before the first build, so that no save is missed in between.
        let changes: AsyncThrowingStream<[String], any Error>
        do {
            changes = try watcher.changes()
        } catch {
            throw .cannotWatch(folder: error.folder, reason: error.reason)
        }
        let rebuilds = RebuildService(builder: builder, changes: changes, state: state, report: report)
        if case .unknownSchool(let available) = await rebuilds.rebuild(after: []) {
            throw .unknownSchool(configuration.school, available: available)
        }

        let quiet = Logger(label: "conduct.preview") { _ in SwiftLogNoOpLogHandler() }
        let app = Application(
            responder: SiteResponder(state: state, listeningHost: configuration.host),
            server: PreviewChannel.builder(limits: configuration.limits),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                guard let url = channel.localAddress.flatMap(localURL) else { return }
                await state.listening(at: url)
                report(.listening(url))
            },
            logger: quiet
        )
        // Services stop in reverse order: the rebuilds first, which end the event
        // streams, then the server, which can then close every connection.
        let group = ServiceGroup(services: [app, rebuilds],
                                 gracefulShutdownSignals: stopsOnSignals ? [.sigint, .sigterm] : [], logger: quiet)
        do {
            try await group.run()
        } catch let failure as FolderWatcher.Failure {
            throw .cannotWatch(folder: failure.folder, reason: failure.reason)
        } catch where error is CancellationError || Task.isCancelled {
            // Cancelling the task is how a caller stops the preview: a clean stop, even
            // when a service notices it mid-way and ends with CancellationError.
            return
        } catch {
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? String(describing: error)
            guard await state.listeningAddress != nil else {
                throw .cannotListen(address: "\(configuration.host):\(configuration.port)", reason: reason)
            }
            throw .serverFailed(reason: reason)
        }
    }

    static func localURL(_ address: SocketAddress) -> URL? {
        guard let ip = address.ipAddress, let port = address.port else { return nil }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return URL(string: "http://\(host):\(port)/")
    }
}

public enum PreviewEvent: Sendable {
    /// The server is ready at this address (with the port chosen, if it was 0).
    case listening(URL)
    /// The school was built: at the start, then after each change.
    case built(BuildReport)
}

public struct BuildReport: Sendable {
    /// The files whose change caused the build, relative to the root; empty for the first build.
    public var changedFiles: [String]
    /// Empty when the build succeeded; otherwise what the overlay lists.
    public var problems: [Diagnostic]
    /// The pages of the school, when the build succeeded.
    public var pages: Int
    public var duration: Duration
    /// Whether the open pages reload: false when the build made the same site again.
    public var reloads: Bool
}

/// Rebuilds the school after each burst of changes and tells the pages; on a graceful
/// shutdown (Ctrl-C), stops watching and ends the event streams.
struct RebuildService: Service {
    let builder: SchoolBuilder
    let changes: AsyncThrowingStream<[String], any Error>
    let state: PreviewState
    let report: @Sendable (PreviewEvent) -> Void

    func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await changed in changes {
                        await rebuild(after: changed)
                    }
                }
                group.addTask { try await gracefulShutdown() }
                _ = try await group.next()
                group.cancelAll()
            }
        } catch {
            await state.close()
            throw error
        }
        await state.close()
    }

    @discardableResult
    func rebuild(after changed: [String]) async -> SchoolBuilder.Outcome {
        let started = ContinuousClock.now
        let outcome = builder.build()
        let duration = ContinuousClock.now - started
        let build: BuildReport
        switch outcome {
        case .built(let site):
            let reloads = await state.record(site)
            build = BuildReport(changedFiles: changed, problems: [], pages: site.pageCount, duration: duration, reloads: reloads)
        case .failed(let problems):
            let reloads = await state.record(problems: problems)
            build = BuildReport(changedFiles: changed, problems: problems, pages: 0, duration: duration, reloads: reloads)
        case .unknownSchool:
            // At the start this stops the preview; later the school's folder has gone.
            guard !changed.isEmpty else { return outcome }
            let problems = [builder.missingSchool]
            let reloads = await state.record(problems: problems)
            build = BuildReport(changedFiles: changed, problems: problems, pages: 0, duration: duration, reloads: reloads)
        }
        report(.built(build))
        return outcome
    }
}
