import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lets tests stop a build at an exact step of writing the output, as a crash, `kill -9`
/// or Ctrl-C would, to prove that every step is safe to stop after. The steps are
/// counted from 1: making the temporary folder, then each step of the commit (see
/// `OutputWriter.update`).
///
/// `CONDUCT_TEST_STOP_AT_STEP=<n>` ends the process with `_exit(86)` at step n, doing
/// nothing more (no cleanup, no buffered output); with `CONDUCT_TEST_STOP_WITH=SIGINT`
/// or `SIGTERM` it sends itself that signal there instead, as a user would, and waits
/// (up to ten seconds) until the signal has cancelled the work, so that what follows
/// does not depend on timing. With `CONDUCT_TEST_STOP_WITH=SIGSTOP` it pauses there
/// until it is sent SIGCONT, so that a test can change the output at that moment.
enum StopPoint {
    static let exitStatus: Int32 = 86

    private static let plan: (step: Int, signal: Int32?)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let step = environment["CONDUCT_TEST_STOP_AT_STEP"].flatMap(Int.init) else { return nil }
        let signal: Int32? = switch environment["CONDUCT_TEST_STOP_WITH"] {
        case "SIGINT": SIGINT
        case "SIGTERM": SIGTERM
        case "SIGSTOP": SIGSTOP
        default: nil
        }
        return (step, signal)
    }()

    private static let counter = Counter()

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var steps = 0

        func next() -> Int {
            lock.withLock {
                steps += 1
                return steps
            }
        }
    }

    static func reached() {
        guard let plan, counter.next() == plan.step else { return }
        if let signal = plan.signal {
            kill(getpid(), signal)
            guard signal != SIGSTOP else { return }
            let deadline = Date().addingTimeInterval(10)
            while !Task.isCancelled && Date() < deadline { usleep(1000) }
        } else {
            _exit(exitStatus)
        }
    }
}
