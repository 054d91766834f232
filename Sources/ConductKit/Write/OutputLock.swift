import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output folder, held by one build or publish from before it
/// reads the previous output until its new output is in place, so that two of them
/// can never mix their files. It is an `flock` on `.<folder>.lock` beside the folder,
/// which the kernel releases when the process ends, however it ends; the file holds
/// the holder's process id for the message the next one prints. The file stays.
public final class OutputLock: @unchecked Sendable {
    private let descriptor: Int32

    static func fileName(for destination: URL) -> String {
        ".\(destination.lastPathComponent).lock"
    }

    init(destination: URL) throws(Diagnostic) {
        let location = SourceLocation(path: destination.path)
        let parent = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(.outputWriteFailed(problem: (error as NSError).localizedDescription), at: location)
        }
        let path = parent.appendingPathComponent(Self.fileName(for: destination)).path
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Diagnostic(.outputWriteFailed(problem: "cannot open \(path): \(String(cString: strerror(errno)))"), at: location)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let holder = Self.holder(of: descriptor)
            let problem = String(cString: strerror(errno))
            close(descriptor)
            throw Diagnostic(busy ? .outputInUse(pid: holder) : .outputWriteFailed(problem: "cannot lock \(path): \(problem)"),
                             at: location)
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        close(descriptor)
    }

    /// The process id the holder wrote into the lock file, if it can be read. The holder
    /// writes it just after taking the lock, so an empty file is read again for a moment.
    private static func holder(of descriptor: Int32) -> Int32? {
        for _ in 0..<20 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            if count > 0, let pid = Int32(String(decoding: buffer[..<count], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            usleep(5_000)
        }
        return nil
    }
}
