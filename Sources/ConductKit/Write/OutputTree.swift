import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File-system operations on conduct's own folders that never follow a symbolic link:
/// every path is opened one component at a time with `O_NOFOLLOW`, every entry is
/// examined with `lstat`, and links are removed as links.
enum OutputTree {
    /// An open folder, closed when the value is released.
    final class Folder {
        let descriptor: Int32
        /// The directory stream over `descriptor`, once the folder has been listed; it
        /// then owns the descriptor.
        private var stream: OpaquePointer?

        /// Opens `path` itself (its last component must be a real folder, not a link).
        init(path: String) throws {
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw OutputTree.posixError() }
        }

        /// Opens the real folder `name` inside this one.
        init(_ name: String, in parent: Folder) throws {
            descriptor = openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw OutputTree.posixError() }
        }

        /// Opens the real folder at `relative` (components separated by `/`) below this one.
        func folder(at relative: some StringProtocol) throws -> Folder {
            var folder = self
            for component in relative.split(separator: "/") {
                folder = try Folder(String(component), in: folder)
            }
            return folder
        }

        deinit {
            if let stream { closedir(stream) } else { close(descriptor) }
        }

        /// The names in this folder, without `.` and `..`.
        func names() throws -> [String] {
            if let stream {
                rewinddir(stream)
            } else {
                guard let opened = fdopendir(descriptor) else { throw OutputTree.posixError() }
                stream = opened
            }
            guard let stream else { throw OutputTree.posixError() }
            var names: [String] = []
            while let entry = readdir(stream) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
                }
                if name != "." && name != ".." { names.append(name) }
            }
            return names
        }

        /// What `name` is, without following it; nil when it does not exist.
        func status(of name: String) -> stat? {
            var info = stat()
            return fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
        }

        /// The bytes of `name` when it is a regular file (never through a link).
        func contents(of name: String) -> Data? {
            let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard file >= 0 else { return nil }
            defer { close(file) }
            var info = stat()
            guard fstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            var data = Data(count: Int(info.st_size))
            let complete = data.withUnsafeMutableBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let count = read(file, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return false }
                    offset += count
                }
                return true
            }
            return complete ? data : nil
        }

        /// Removes `name` and, if it is a real folder, everything in it. Links are
        /// removed as links; nothing they point to is touched. Missing is not an error.
        func remove(_ name: String) throws {
            guard let info = status(of: name) else { return }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let inner = try Folder(name, in: self)
                for child in try inner.names() { try inner.remove(child) }
                guard unlinkat(descriptor, name, AT_REMOVEDIR) == 0 || errno == ENOENT else { throw OutputTree.posixError() }
            } else {
                guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else { throw OutputTree.posixError() }
            }
        }

        /// Writes `contents` to `name` through a temporary file, flushed to disk, then
        /// renamed over it, and flushes the folder, so that `name` is always either the
        /// old file or the whole new one, whenever the process stops.
        func replaceDurably(_ name: String, with contents: Data) throws {
            let temporary = name + ".partial"
            try remove(temporary)
            let file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard file >= 0 else { throw OutputTree.posixError() }
            do {
                try OutputTree.write(contents, to: file)
                guard fsync(file) == 0 else { throw OutputTree.posixError() }
                close(file)
            } catch {
                close(file)
                throw error
            }
            guard renameat(descriptor, temporary, descriptor, name) == 0 else { throw OutputTree.posixError() }
            guard fsync(descriptor) == 0 else { throw OutputTree.posixError() }
        }

        /// A digest of what the entry `name` holds: for every file and folder in it, its
        /// path and kind, for a folder its permissions and owner (which a web server
        /// needs, and which root reads past), and for a regular file its inode, size,
        /// modification and status-change times (the last listed apart, see
        /// `digestWithoutChangeTimes`).
        /// Writing to, replacing, adding, removing or linking anything in the entry
        /// changes it; reading never does. Nil when it is absent.
        func fingerprint(of name: String) -> Fingerprint? {
            guard let info = status(of: name) else { return nil }
            var lines: [String] = []
            var changeTimes: [String] = []
            var counts = (files: 0, folders: 0)
            func visit(_ path: String, _ info: stat, in parent: Folder, named name: String) {
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    counts.files += 1
                    lines.append("f \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(path)")
                    changeTimes.append("\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)")
                case S_IFDIR:
                    if path != name { counts.folders += 1 }
                    lines.append("d \(info.st_mode & 0o7777) \(info.st_uid) \(info.st_gid) \(path)")
                    guard let folder = try? Folder(name, in: parent), let names = try? folder.names() else {
                        lines.append("unreadable \(path)")
                        return
                    }
                    for child in names.sorted() {
                        if let childInfo = folder.status(of: child) {
                            visit(path + "/" + child, childInfo, in: folder, named: child)
                        }
                    }
                default:
                    lines.append("other \(path)")
                }
            }
            visit(name, info, in: self, named: name)
            let listing = Data(lines.joined(separator: "\n").utf8)
            var hasher = SHA256()
            hasher.update(data: listing)
            hasher.update(data: Data(("\n" + changeTimes.joined(separator: "\n")).utf8))
            let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            return Fingerprint(digest: Hex.string(hasher.finalize()), digestWithoutChangeTimes: Hex.string(SHA256.hash(data: listing)),
                               files: counts.files, folders: counts.folders, isFolder: isFolder)
        }
    }

    struct Fingerprint: Equatable {
        /// What the build record keeps.
        var digest: String
        /// The same without the files' status-change times, which linking to a file and
        /// unlinking the link change too.
        var digestWithoutChangeTimes: String
        /// Regular files in the entry (1 for a file) and folders below it.
        var files: Int
        var folders: Int
        var isFolder: Bool
    }

    static func write(_ contents: Data, to descriptor: Int32) throws {
        try contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else {
                    if written < 0 && errno == EINTR { continue }
                    throw posixError()
                }
                offset += written
            }
        }
    }

    static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
