import Crypto
import Foundation

/// SHA-256 digests of the files read, one per area: `Content`, `Templates`, and each
/// `Schools/<slug>`. Files are read in a fixed order, so the same files always give the
/// same digests; a file's path goes in with its bytes, so a rename counts as a change.
/// (`SHA256` is a plain value with no shared state; swift-crypto just does not mark it Sendable.)
struct SourceFingerprints: @unchecked Sendable {
    private var hashers: [String: SHA256] = [:]

    mutating func add(_ data: Data, path: String) {
        let area = Self.area(of: path)
        var hasher = hashers[area] ?? SHA256()
        hasher.update(data: Data("\(path)\u{0}\(data.count)\u{0}".utf8))
        hasher.update(data: data)
        hashers[area] = hasher
    }

    /// The digest of an area, e.g. "Schools/riverside-college"; empty when nothing was read.
    func digest(of area: String) -> String {
        guard let hasher = hashers[area] else { return "" }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private static func area(of path: String) -> String {
        let parts = path.split(separator: "/", maxSplits: 2)
        return parts.first == "Schools" && parts.count > 1 ? "Schools/\(parts[1])" : String(parts.first ?? "")
    }
}
