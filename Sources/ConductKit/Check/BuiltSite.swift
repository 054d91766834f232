import Foundation

/// A generated site as values: every file's path inside the output folder and its
/// bytes, whether it was just rendered in memory or read back from disk.
public struct BuiltSite: Sendable {
    public var files: [OutputFile]

    public init(files: [OutputFile]) {
        self.files = files
    }

    /// The slugs of the schools in the site: the top-level folders that hold pages.
    /// `assets/` beside them belongs to the consortium's page.
    public var schools: [String] {
        Set(files.filter(\.isPage).compactMap { Self.school(of: $0.path) }).sorted()
    }

    /// The school whose folder holds `path`; nil for the consortium's own files.
    static func school(of path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count > 1, components[0] != "assets" else { return nil }
        return String(components[0])
    }

    public enum ReadFailure: Error, Sendable, Equatable {
        /// There is no folder at this path.
        case missing(path: String)
        /// The folder holds no HTML page: nothing has been built into it.
        case noPages(path: String)
        case unreadable(path: String, problem: String)
    }

    /// What `conduct publish` adds beside the sites at the top of the output folder: the
    /// bundles, the manifest and the change report are sent to schools, not uploaded,
    /// so they are neither a school nor pages of the site.
    static let publishedExtras: Set<String> = ["dist", Manifest.fileName, ChangeReport.fileName]

    /// Reads every regular file below `folder` that belongs to the sites. Hidden files
    /// (the build's marker and record) and what publishing adds (`publishedExtras`) are
    /// not part of them, and symbolic links are not followed: the build makes none.
    public static func read(folder: URL) throws(ReadFailure) -> BuiltSite {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missing(path: folder.path)
        }
        var files: [OutputFile] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: directory.path)
            } catch {
                throw .unreadable(path: directory.path, problem: error.localizedDescription)
            }
            for name in names where !name.hasPrefix(".") && !(relative.isEmpty && publishedExtras.contains(name)) {
                let path = relative.isEmpty ? name : relative + "/" + name
                let url = folder.appendingPathComponent(path)
                let type: FileAttributeType?
                do {
                    type = try fileManager.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
                } catch {
                    throw .unreadable(path: url.path, problem: error.localizedDescription)
                }
                if type == .typeDirectory {
                    pending.append(path)
                } else if type == .typeRegular {
                    do {
                        files.append(OutputFile(path: path, contents: try Data(contentsOf: url)))
                    } catch {
                        throw .unreadable(path: url.path, problem: error.localizedDescription)
                    }
                }
            }
        }
        guard files.contains(where: \.isPage) else { throw .noPages(path: folder.path) }
        return BuiltSite(files: files.sorted { $0.path < $1.path })
    }
}
