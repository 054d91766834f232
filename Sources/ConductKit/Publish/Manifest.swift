import Crypto
import Foundation

/// `manifest.json`: every published file with its SHA-256 and size, so that a school
/// can check what it uploaded and the next publish can say what changed.
public struct Manifest: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var path: String
        /// The school the file belongs to; nil for the consortium's own files.
        public var school: String?
        public var sha256: String
        public var size: Int
    }

    public var generator: String
    /// The version of the Code being published.
    public var version: String
    /// The time the site was built for, in London time with its offset.
    public var asOf: String
    public var files: [Entry]

    enum CodingKeys: String, CodingKey {
        case generator, version, asOf = "as_of", files
    }

    public static let fileName = "manifest.json"

    /// - Parameters:
    ///   - carrying: entries of an earlier manifest for files published then and kept.
    ///   - school: the school a published path belongs to, if any.
    init(files: [OutputFile], carrying: [Entry] = [], version: String, asOf: Date, school: (String) -> String?) {
        generator = "conduct \(Generator.version)"
        self.version = version
        self.asOf = LondonTime.iso(asOf)
        self.files = (files.map { file in
            let digest = Hex.string(SHA256.hash(data: file.contents))
            return Entry(path: file.path, school: school(file.path), sha256: digest, size: file.contents.count)
        } + carrying).sorted { $0.path < $1.path }
    }

    /// Only the lines of these schools and of the consortium's own files.
    func restricted(to schools: Set<String>) -> Manifest {
        var copy = self
        copy.files = files.filter { $0.school.map(schools.contains) ?? true }
        return copy
    }

    /// Sorted keys and a fixed layout, so the same publish gives the same bytes.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return data + Data("\n".utf8)
    }

    /// The manifest of an earlier publish; nil when there is none or it cannot be read.
    static func decode(_ data: Data?) -> Manifest? {
        data.flatMap { try? JSONDecoder().decode(Manifest.self, from: $0) }
    }
}

/// The generator's own version, written into every manifest.
public enum Generator {
    public static let version = "1.1.0"
}
