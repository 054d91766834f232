import ArgumentParser
import ConductKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a build or publish: instead of dying mid-write,
/// the work is cancelled, which removes its temporary folder (or, once the new output
/// has begun to be swapped in, finishes the swap), and the command exits with the
/// conventional status 128 + the signal's number (130, 143).
enum Interruption {
    /// The signal handler only writes the signal's number into this pipe (that is all
    /// a handler may safely do); a thread reading it cancels the work.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Runs `work` in a task that SIGINT and SIGTERM cancel; returns its result and the
    /// signal received, if any.
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws(Pipeline.Failure) -> T) async
        -> (result: Result<T, Pipeline.Failure>, signal: Int32?) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return (await outcome(of: work), nil) }
        let readEnd = descriptors[0]
        writeEnd = descriptors[1]
        // The handler is in place before the work starts; a signal waits in the pipe.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            var number = number
            _ = write(Interruption.writeEnd, &number, MemoryLayout<Int32>.size)
        }
        // Other threads' system calls carry on rather than fail with EINTR.
        action.sa_flags = SA_RESTART
        for signal in [SIGINT, SIGTERM] { sigaction(signal, &action, nil) }

        let task = Task { await outcome(of: work) }
        let received = Received()
        let watcher = Thread {
            var number: Int32 = 0
            while read(readEnd, &number, MemoryLayout<Int32>.size) == MemoryLayout<Int32>.size {
                guard number != 0 else { return }
                received.set(number)
                task.cancel()
            }
        }
        watcher.start()
        let result = await task.value
        // Nothing is being written any more: a signal from now on ends the process at once.
        for signal in [SIGINT, SIGTERM] { Glibc.signal(signal, SIG_DFL) }
        var stop: Int32 = 0
        _ = write(writeEnd, &stop, MemoryLayout<Int32>.size)
        return (result, received.signal)
    }

    private static func outcome<T>(of work: @Sendable () async throws(Pipeline.Failure) -> T) async
        -> Result<T, Pipeline.Failure> {
        do throws(Pipeline.Failure) {
            return .success(try await work())
        } catch {
            return .failure(error)
        }
    }

    /// The exit status for a command stopped by `signal`.
    static func exitCode(for signal: Int32) -> ExitCode {
        ExitCode(128 + signal)
    }

    /// The first signal received.
    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var first: Int32?

        func set(_ signal: Int32) {
            lock.withLock { if first == nil { first = signal } }
        }

        var signal: Int32? { lock.withLock { first } }
    }
}
