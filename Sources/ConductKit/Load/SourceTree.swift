import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every entry below `Content/`, `Templates/` and `Schools/`, with the files the site
/// can use read into memory in one pass with plain system calls before anything is
/// parsed.
///
/// Reading is cheap next to parsing, so a build reads everything first and digests it:
/// when the digest matches the previous build's, nothing needs parsing at all.
///
/// Only files of the kinds the site uses are read (`SizeLimit.forFile`), and none over
/// its size limit, so a stray video or a huge file cannot exhaust memory. Everything
/// else is listed without being read, for the loader to report: it never drops a file
/// without a word. Names starting with "." (`.DS_Store`, `.gitkeep`, editors' swap
/// files) are skipped. Symbolic links are not followed: they could loop or bring in
/// files from outside the site.
struct SourceTree: Sendable {
    enum Entry: Sendable, Equatable {
        case file(Data)
        /// Entry names, sorted.
        case folder([String])
        /// The system's reason, e.g. "Permission denied".
        case unreadable(String)
        /// A file of a kind the site never reads, with its size in bytes.
        case notRead(size: Int)
        /// A file of a kind the site reads, but bigger than `limit` bytes.
        case tooLarge(size: Int, limit: Int)
        case symbolicLink
        /// Neither a file, a folder nor a link: a device, a pipe or a socket.
        case special
        /// The name is not UTF-8, or holds control characters (a newline, an escape);
        /// the path shows those bytes as `\xNN`.
        case unusableName
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

    /// The tree with one more file, as if it had been written: to check a file before
    /// writing it.
    func adding(_ data: Data, at path: String) -> SourceTree {
        var tree = self
        tree.entries[path] = .file(data)
        var child = path
        while let slash = child.lastIndex(of: "/") {
            let folder = String(child[..<slash]), name = String(child[child.index(after: slash)...])
            let names = tree.names(in: folder)
            if !names.contains(name) { tree.entries[folder] = .folder((names + [name]).sorted()) }
            child = folder
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
            // Files that are not read make the build fail, so their names and sizes are
            // enough for a digest that changes when they come or go.
            case .notRead(let size): header = "n\(path)\u{0}\(size)\u{0}"
            case .tooLarge(let size, _): header = "t\(path)\u{0}\(size)\u{0}"
            case .symbolicLink: header = "l\(path)\u{0}"
            case .special: header = "s\(path)\u{0}"
            case .unusableName: header = "b\(path)\u{0}"
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
        case S_IFDIR:
            readFolder(path, at: fullPath)
        case S_IFREG:
            let size = Int(status.st_size)
            guard let limit = SizeLimit.forFile(path) else {
                entries[path] = .notRead(size: size)
                return
            }
            entries[path] = size > limit ? .tooLarge(size: size, limit: limit)
                : Self.contents(of: fullPath, expectedSize: size, limit: limit)
        case S_IFLNK:
            entries[path] = .symbolicLink
        default:
            entries[path] = .special
        }
    }

    private mutating func readFolder(_ path: String, at fullPath: String) {
        guard let folder = opendir(fullPath) else {
            entries[path] = .unreadable(Self.problem())
            return
        }
        var names: [String] = []
        var badNames: [String] = []
        while let entry = readdir(folder) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes.first == UInt8(ascii: ".") { continue }
            // No control character, nor a right-to-left override that would show
            // "x\u{202E}dm.txt" as "xtxt.md" in a message.
            if let name = String(validating: bytes, as: UTF8.self),
               !name.unicodeScalars.contains(where: { $0.value < 0x20 || ControlCharacters.contains($0) }) {
                names.append(name)
            } else {
                badNames.append(Self.escapedName(bytes))
            }
        }
        closedir(folder)
        var kept: [String] = []
        for name in names.sorted() {
            let childPath = path + "/" + name
            read(childPath, at: fullPath + "/" + name)
            if entries[childPath] != nil { kept.append(name) }
        }
        for name in badNames.sorted() {
            entries[path + "/" + name] = .unusableName
            kept.append(name)
        }
        entries[path] = .folder(kept.sorted())
    }

    /// An unusable name, readable: printable ASCII as it is, other bytes as `\xNN`.
    private static func escapedName(_ bytes: [UInt8]) -> String {
        bytes.map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : "\\x" + Hex.string([$0]).uppercased() }.joined()
    }

    /// The file's bytes; a file that has grown past `limit` since it was listed is
    /// refused like one that was too large from the start.
    private static func contents(of path: String, expectedSize size: Int, limit: Int) -> Entry {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return .unreadable(problem()) }
        defer { close(descriptor) }
        // Exactly the size the file had a moment ago: a Data that grew by doubling
        // would keep its spare capacity, and there are thousands of files.
        var data = Data(count: size)
        var total = 0
        while true {
            if total > limit { return .tooLarge(size: total, limit: limit) }
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

/// The largest file of each kind the site reads, in bytes: far above any real file,
/// far below what could exhaust memory. The README lists them.
enum SizeLimit {
    /// YAML, Markdown and templates.
    static let text = 2 * 1024 * 1024
    /// A school's logo, and each file of `Templates/assets/`.
    static let image = 5 * 1024 * 1024

    /// The limit for the file at `path`, or nil for a file the site never reads.
    static func forFile(_ path: String) -> Int? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let fileExtension = (path as NSString).pathExtension
        if ["yml", "md", "mustache"].contains(fileExtension) { return text }
        if parts.first == "Templates", parts.count > 2, parts[1] == "assets" { return image }
        if path.hasPrefix(IconCheck.folder + "/"), parts.count == 3, fileExtension == "svg" { return IconCheck.maximumSize }
        // A logo sits next to school.yml.
        if parts.first == "Schools", parts.count == 3, SchoolValidator.logoExtensions.contains(fileExtension.lowercased()) {
            return image
        }
        return nil
    }

    /// "6.1 GB", "2 MB", "812 bytes"; "4097 bytes" rather than "4.0 KB", which would read
    /// as a file of exactly the 4 KB limit.
    static func describe(_ bytes: Int) -> String {
        let units = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (size, unit) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            if value == value.rounded() { return "\(Int(value)) \(unit)" }
            let rounded = String(format: "%.1f", value)
            return rounded.hasSuffix(".0") ? "\(bytes) bytes" : "\(rounded) \(unit)"
        }
        return "\(bytes) bytes"
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
