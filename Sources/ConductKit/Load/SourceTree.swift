import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every file below `Content/`, `Templates/` and `Schools/`, read into memory in one
/// pass with plain system calls before anything is parsed.
///
/// Reading is cheap next to parsing, so a build reads everything first and digests it:
/// when the digest matches the previous build's, nothing needs parsing at all. Names
/// starting with "." are skipped, and so are symbolic links, which could loop or bring
/// in files from outside the site.
struct SourceTree: Sendable {
    enum Entry: Sendable {
        case file(Data)
        /// Entry names, sorted.
        case folder([String])
        /// The system's reason, e.g. "Permission denied".
        case unreadable(String)
    }

    static let areas = ["Content", "Templates", "Schools"]

    /// By path from the site root, e.g. "Schools/riverside-college/school.yml".
    private(set) var entries: [String: Entry] = [:]

    static func read(root: URL) -> SourceTree {
        var tree = SourceTree()
        for area in areas {
            tree.read(area, at: root.appendingPathComponent(area).path)
        }
        return tree
    }

    /// The names in a folder, sorted; none when it is missing or not a folder.
    func names(in path: String) -> [String] {
        if case .folder(let names)? = entries[path] { return names }
        return []
    }

    func isFolder(_ path: String) -> Bool {
        if case .folder? = entries[path] { return true }
        return false
    }

    /// SHA-256 digests of what was read: one per area (`Content`, `Templates`) and per
    /// school folder (`Schools/<folder>`), and one of the whole site. A path goes in
    /// with its bytes, so a rename counts as a change.
    func digests() -> SourceDigests {
        var hashers: [String: SHA256] = [:]
        var whole = SHA256()
        for path in entries.keys.sorted() {
            var header: String
            var contents = Data()
            switch entries[path]! {
            case .file(let data): (header, contents) = ("f\(path)\u{0}\(data.count)\u{0}", data)
            case .folder: header = "d\(path)\u{0}"
            case .unreadable(let problem): header = "u\(path)\u{0}\(problem)\u{0}"
            }
            let area = Self.area(of: path)
            var hasher = hashers[area] ?? SHA256()
            for part in [Data(header.utf8), contents] {
                hasher.update(data: part)
                whole.update(data: part)
            }
            hashers[area] = hasher
        }
        return SourceDigests(areas: hashers.mapValues { Hex.string($0.finalize()) }, whole: Hex.string(whole.finalize()))
    }

    private static func area(of path: String) -> String {
        let parts = path.split(separator: "/", maxSplits: 2)
        return parts.first == "Schools" && parts.count > 1 ? "Schools/\(parts[1])" : String(parts.first ?? "")
    }

    private mutating func read(_ path: String, at fullPath: String) {
        var status = stat()
        guard lstat(fullPath, &status) == 0 else {
            if errno != ENOENT { entries[path] = .unreadable(Self.problem()) }
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: readFolder(path, at: fullPath)
        case S_IFREG: entries[path] = Self.contents(of: fullPath, size: Int(status.st_size))
        default: break
        }
    }

    private mutating func readFolder(_ path: String, at fullPath: String) {
        guard let folder = opendir(fullPath) else {
            entries[path] = .unreadable(Self.problem())
            return
        }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(folder)
        var kept: [String] = []
        for name in names.sorted() {
            let childPath = path + "/" + name
            read(childPath, at: fullPath + "/" + name)
            if entries[childPath] != nil { kept.append(name) }
        }
        entries[path] = .folder(kept)
    }

    private static func contents(of path: String, size: Int) -> Entry {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return .unreadable(problem()) }
        defer { close(descriptor) }
        // Exactly the size the file had a moment ago: a Data that grew by doubling
        // would keep its spare capacity, and there are thousands of files.
        var data = Data(count: size)
        var total = 0
        while true {
            if total == data.count {
                // Read past the expected end to see whether the file has grown since.
                var probe = [UInt8](repeating: 0, count: 4096)
                let count = Glibc.read(descriptor, &probe, probe.count)
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { return .unreadable(problem()) }
                if count == 0 { break }
                data.append(contentsOf: probe[..<count])
                total += count
                continue
            }
            let count = data.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .unreadable(problem()) }
            if count == 0 { break }
            total += count
        }
        data.count = total
        return .file(data)
    }

    private static func problem() -> String {
        String(cString: strerror(errno))
    }
}

/// Digests of the site's files (see `SourceTree.digests()`).
struct SourceDigests: Sendable, Equatable {
    /// By area: "Content", "Templates" and "Schools/<folder>".
    var areas: [String: String]
    /// Of every file read.
    var whole: String

    /// Empty when nothing was read in the area.
    func digest(of area: String) -> String {
        areas[area] ?? ""
    }
}

/// Lowercase hexadecimal, for digests.
enum Hex {
    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
