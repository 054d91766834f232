import Crypto
import Foundation

/// What the output was built from and what it holds, kept in the output folder so the
/// next build can reuse a school's pages when nothing they depend on has changed, or
/// the whole output when no file has changed.
///
/// It vouches only for the entries it lists, and only while each still holds exactly
/// what `entries` says (see `OutputTree.Folder.fingerprint`): an entry edited, replaced
/// or left half-swapped by a stopped build is made again.
struct BuildRecord: Codable, Equatable {
    static let fileName = ".conduct-build.json"

    /// A digest of everything a school's pages depend on, by slug.
    var schools: [String: String] = [:]
    /// The build as a whole.
    var build: WholeBuild?
    /// A fingerprint of each top-level entry of the output as the build left it: the
    /// identity (inode, size, times) of every file in it and the names of its folders.
    var entries: [String: String] = [:]

    /// Enough to say, before parsing anything, that a build would give what the
    /// output already holds.
    struct WholeBuild: Codable, Equatable {
        /// A digest of every source file, the generator and the build's options.
        var key: String
        /// The build is the same at any time from `from` (inclusive) to `until`
        /// (exclusive): nothing is published or withdrawn and no campaign week starts
        /// or ends between them. Nil is open-ended.
        var from: Date?
        var until: Date?
        var schools: Int
        var pages: Int

        static func key(digests: SourceDigests, includeDrafts: Bool, selection: [String]) -> String {
            var hasher = SHA256()
            for part in [Generator.version, "\(includeDrafts)", selection.sorted().joined(separator: "\n"), digests.whole] {
                BuildRecord.add(part, to: &hasher)
            }
            return Hex.string(hasher.finalize())
        }

        func covers(_ instant: Date) -> Bool {
            (from.map { $0 <= instant } ?? true) && (until.map { instant < $0 } ?? true)
        }
    }

    static func decode(_ data: Data?) -> BuildRecord? {
        data.flatMap { try? JSONDecoder().decode(BuildRecord.self, from: $0) }
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// A digest, per school, of everything its pages depend on: the shared files, its
    /// own folder, every school's name (the letter lists them all), what is published
    /// at the build's time, and the generator itself. The parts every school shares are
    /// hashed once, so making all the keys grows linearly with the number of schools.
    struct Keys {
        private let shared: SHA256
        private let digests: SourceDigests

        init(site: Site, digests: SourceDigests, includeDrafts: Bool) {
            var hasher = SHA256()
            let directory = site.directory.map { "\($0.slug)|\($0.name)|\($0.town)|\($0.type ?? "")" }.joined(separator: "\n")
            let documents = site.documents.keys.sorted().map(\.rawValue).joined(separator: "\n")
            for part in [Generator.version, "\(includeDrafts)", digests.digest(of: "Content"),
                         digests.digest(of: "Templates"), directory, documents, site.activeWeek?.name ?? ""] {
                BuildRecord.add(part, to: &hasher)
            }
            shared = hasher
            self.digests = digests
        }

        func key(for school: School) -> String {
            var hasher = shared
            BuildRecord.add(digests.digest(of: "Schools/\(school.slug)"), to: &hasher)
            BuildRecord.add(school.sections.map(\.path).joined(separator: "\n"), to: &hasher)
            return Hex.string(hasher.finalize())
        }
    }

    /// Each part with its length, so that no two lists of parts hash alike.
    private static func add(_ part: String, to hasher: inout SHA256) {
        hasher.update(data: Data("\(part.utf8.count):\(part)".utf8))
    }
}
