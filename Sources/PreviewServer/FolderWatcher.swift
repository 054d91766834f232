import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reports changes to the files below some folders of a site, through Linux's inotify:
/// a thread sleeps in `poll` until the kernel has news, so watching costs no CPU.
///
/// inotify watches one folder at a time, so every folder of each tree is watched, and
/// the folders above each tree too, so that a tree that is removed and made again
/// (a branch switch) is found again. Changes elsewhere (`Output/`, other schools) are
/// ignored, as are hidden files, which the site loader ignores too.
struct FolderWatcher: Sendable {
    struct Failure: Error, Sendable, Equatable {
        /// The folder, relative to the root, that could not be watched.
        var folder: String
        var reason: String
    }

    let root: URL
    /// Folders relative to `root`, watched with everything below them.
    let trees: [String]
    /// How long the files must stay untouched before a burst of saves is reported, as one change.
    let quietPeriod: Duration

    /// The paths (relative to `root`) changed in each burst of saves, sorted. The stream
    /// fails if a new folder cannot be watched; ending it stops the watching thread.
    func changes() throws(Failure) -> AsyncThrowingStream<[String], any Error> {
        let descriptors = try Descriptors()
        var table = WatchTable(root: root, trees: trees, inotify: descriptors.inotify)
        try table.watchEverything()
        let watches = table
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [String].self,
                                                                    bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { _ in descriptors.requestStop() }
        let thread = Thread { [quietPeriod] in
            var watches = watches
            do {
                while let changed = try watches.nextBurst(descriptors, quietPeriod: quietPeriod) {
                    continuation.yield(changed)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.name = "conduct preview watcher"
        thread.start()
        return stream
    }
}

/// The inotify instance and the pipe that wakes the watching thread to stop it; all
/// are closed when neither the thread nor the stream needs them any more.
private final class Descriptors: Sendable {
    let inotify: Int32
    /// Readable once a stop is asked for.
    let stop: Int32
    private let stopWriter: Int32

    init() throws(FolderWatcher.Failure) {
        inotify = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard inotify >= 0 else { throw FolderWatcher.Failure(folder: ".", reason: String(cString: strerror(errno))) }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            let reason = String(cString: strerror(errno))
            close(inotify)
            throw FolderWatcher.Failure(folder: ".", reason: reason)
        }
        (stop, stopWriter) = (ends[0], ends[1])
        // Not inherited by programs the process starts; asking to stop twice never blocks.
        _ = fcntl(stop, F_SETFD, FD_CLOEXEC)
        _ = fcntl(stopWriter, F_SETFD, FD_CLOEXEC)
        _ = fcntl(stopWriter, F_SETFL, O_NONBLOCK)
    }

    func requestStop() {
        var byte: UInt8 = 1
        _ = write(stopWriter, &byte, 1)
    }

    deinit {
        close(inotify)
        close(stop)
        close(stopWriter)
    }
}

/// Which folder each inotify watch stands for; owned by the watching thread.
private struct WatchTable {
    let root: URL
    let trees: [String]
    let inotify: Int32
    private var folders: [Int32: String] = [:]

    private static let events = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                       | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
    private static let options = UInt32(IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    init(root: URL, trees: [String], inotify: Int32) {
        self.root = root
        self.trees = trees
        self.inotify = inotify
    }

    /// Watches the folders above each tree and every folder inside it. Adding a watch
    /// that exists is harmless, so this runs again after every burst to pick up new folders.
    mutating func watchEverything() throws(FolderWatcher.Failure) {
        var above: Set<String> = [""]
        for tree in trees {
            var folder = tree
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                above.insert(folder)
            }
        }
        for folder in above.sorted() { try watch(folder) }
        for tree in trees { try watchTree(tree) }
    }

    private mutating func watchTree(_ folder: String) throws(FolderWatcher.Failure) {
        guard isRealFolder(folder) else { return }
        try watch(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            try watchTree("\(folder)/\(name)")
        }
    }

    /// A folder, not a file or a symbolic link: links could lead out of the site or loop.
    private func isRealFolder(_ folder: String) -> Bool {
        var status = stat()
        return lstat(root.appendingPathComponent(folder).path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    private mutating func watch(_ folder: String) throws(FolderWatcher.Failure) {
        let descriptor = inotify_add_watch(inotify, root.appendingPathComponent(folder).path, Self.events | Self.options)
        guard descriptor >= 0 else {
            // Gone already (removed while being watched) or not a folder: nothing to watch.
            if errno == ENOENT || errno == ENOTDIR { return }
            let hint = errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""
            throw FolderWatcher.Failure(folder: folder.isEmpty ? "." : folder,
                                        reason: String(cString: strerror(errno)) + hint)
        }
        folders[descriptor] = folder
    }

    /// Sleeps until a file of a tree changes, then until the files have been quiet for
    /// the quiet period; returns the changed paths, or nil when asked to stop.
    mutating func nextBurst(_ descriptors: Descriptors, quietPeriod: Duration) throws -> [String]? {
        var changed: Set<String> = []
        var quietUntil: ContinuousClock.Instant?
        while true {
            var timeout: Int32 = -1
            if let quietUntil {
                let left = quietUntil - .now
                if left <= .zero { break }
                timeout = Int32((left / .milliseconds(1)).rounded(.up))
            }
            var fds = [pollfd(fd: descriptors.inotify, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: descriptors.stop, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw FolderWatcher.Failure(folder: ".", reason: String(cString: strerror(errno)))
            }
            if fds[1].revents != 0 { return nil }
            guard fds[0].revents != 0 else { continue }
            let relevant = readEvents(descriptors.inotify)
            if !relevant.isEmpty {
                changed.formUnion(relevant)
                quietUntil = .now + quietPeriod
            }
        }
        try watchEverything()
        return changed.sorted()
    }

    /// Reads every pending event; returns the paths inside the trees that they name.
    private mutating func readEvents(_ inotify: Int32) -> Set<String> {
        var paths: Set<String> = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            guard count > 0 else { return paths }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let descriptor = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + 16)..<(offset + 16 + nameLength)].prefix { $0 != 0 }
                    offset += MemoryLayout<inotify_event>.size + nameLength
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // Events were lost: say that every tree changed.
                        paths.formUnion(trees)
                        continue
                    }
                    if mask & UInt32(IN_IGNORED) != 0 { folders[descriptor] = nil }
                    guard let folder = folders[descriptor] else { continue }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    if name.hasPrefix(".") { continue }
                    let path = name.isEmpty ? folder : folder.isEmpty ? name : "\(folder)/\(name)"
                    if isInTree(path) { paths.insert(path) }
                }
            }
        }
    }

    private func isInTree(_ path: String) -> Bool {
        trees.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
}
