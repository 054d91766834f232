import Crypto
import Foundation

/// What each school's pages were built from, kept in the output folder so the next
/// build can reuse a school's pages when nothing they depend on has changed.
struct BuildRecord: Codable, Equatable {
    static let fileName = ".conduct-build.json"

    /// A digest of everything a school's pages depend on, by slug.
    var schools: [String: String]

    static func decode(_ data: Data?) -> BuildRecord? {
        data.flatMap { try? JSONDecoder().decode(BuildRecord.self, from: $0) }
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// A school's pages depend on the shared files, its own folder, every school's
    /// name (the letter lists them all), what is published at the build's time, and
    /// the generator itself.
    static func key(for school: School, in site: Site, fingerprints: SourceFingerprints, includeDrafts: Bool) -> String {
        var hasher = SHA256()
        let directory = site.directory.map { "\($0.slug)|\($0.name)|\($0.town)|\($0.type ?? "")" }.joined(separator: "\n")
        let published = site.documents.keys.sorted().map(\.rawValue) + school.sections.map(\.path)
        let parts = [Generator.version, "\(includeDrafts)", fingerprints.digest(of: "Content"),
                     fingerprints.digest(of: "Templates"), fingerprints.digest(of: "Schools/\(school.slug)"),
                     directory, published.joined(separator: "\n"), site.activeWeek?.name ?? ""]
        for part in parts {
            hasher.update(data: Data("\(part.utf8.count):\(part)".utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
