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
    /// What loading and checking each school found, by folder, for the schools that had
    /// no problem: the next build does not read them again while their `key` holds.
    var checked: [String: CheckedSchool] = [:]

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
            key(slug: school.slug, sections: school.sections.map(\.path))
        }

        /// - Parameter sections: the paths of the school's sections published in this build.
        func key(slug: String, sections: [String]) -> String {
            var hasher = shared
            BuildRecord.add(digests.digest(of: "Schools/\(slug)"), to: &hasher)
            BuildRecord.add(sections.joined(separator: "\n"), to: &hasher)
            return Hex.string(hasher.finalize())
        }
    }

    /// A school that loaded and validated without a problem, and what a build needs of
    /// it when its pages are not made again: its line in the directory, and when its
    /// sections are published.
    ///
    /// It vouches only for the school as its `key` says it was: the files of its folder,
    /// the shared files it was checked against, and the generator that checked it. A
    /// school with a problem is never recorded, so its problem is found again by every
    /// build until it is fixed; a record that cannot be read is ignored whole.
    struct CheckedSchool: Codable, Equatable {
        struct Section: Codable, Equatable {
            var path: String
            var document: String
            var from: Date?
            var until: Date?
            var isDraft: Bool

            var window: PublishWindow { PublishWindow(from: from, until: until, isDraft: isDraft) }
        }

        var key: String
        var name: String
        var town: String
        var type: String?
        var sections: [Section]

        init(key: String, school: School) {
            self.key = key
            (name, town, type) = (school.name, school.town, school.type)
            sections = school.sections.map {
                Section(path: $0.path, document: $0.document.rawValue, from: $0.window.from, until: $0.window.until,
                        isDraft: $0.window.isDraft)
            }
        }

        func listing(slug: String) -> SchoolListing {
            SchoolListing(slug: slug, name: name, town: town, type: type)
        }

        /// The paths of the sections `Site.published(at:includingDrafts:)` would keep.
        func publishedSections(at instant: Date, includingDrafts: Bool, documents: Set<DocumentKind>) -> [String] {
            sections.filter { section in
                section.window.isOpen(at: instant, includingDrafts: includingDrafts)
                    && DocumentKind(rawValue: section.document).map(documents.contains) == true
            }.map(\.path)
        }
    }

    /// The key a `CheckedSchool` holds: a digest of everything loading and validating a
    /// school reads (its folder and the shared `Content/` and `Templates/`), of the
    /// generator's version and of the very program doing it, so that a build of the
    /// generator with other rules checks every school again.
    struct CheckKeys {
        /// Raised when `CheckedSchool` or what it stands for changes meaning.
        static let format = "1"

        private let shared: SHA256
        private let digests: SourceDigests

        init(digests: SourceDigests) {
            var hasher = SHA256()
            for part in [Self.format, Generator.version, Self.program, digests.digest(of: "Content"),
                         digests.digest(of: "Templates")] {
                BuildRecord.add(part, to: &hasher)
            }
            shared = hasher
            self.digests = digests
        }

        func key(for folder: String) -> String {
            var hasher = shared
            BuildRecord.add(folder, to: &hasher)
            BuildRecord.add(digests.digest(of: "Schools/\(folder)"), to: &hasher)
            return Hex.string(hasher.finalize())
        }

        /// The running program's file by its identity (inode, size, modification time):
        /// a rebuilt generator is another program even when its version is the same.
        private static let program: String = {
            guard let path = Bundle.main.executablePath,
                  let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
            let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(path):\(attributes[.systemFileNumber] ?? 0):\(attributes[.size] ?? 0):\(time)"
        }()
    }

    /// Each part with its length, so that no two lists of parts hash alike.
    private static func add(_ part: String, to hasher: inout SHA256) {
        hasher.update(data: Data("\(part.utf8.count):\(part)".utf8))
    }
}
