import Foundation
import ZIPFoundation

/// A zip whose bytes depend only on the files put in it, so that publishing the same
/// site twice gives the same bundle: entries in path order, every one dated the same
/// day and given the same permissions.
enum ZipBundle {
    /// - Parameters:
    ///   - folder: the one folder everything unpacks into.
    ///   - dated: the date every entry carries (ZIPFoundation stores it as UTC).
    static func make(_ files: [OutputFile], inFolder folder: String, dated: CalendarDate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let midnight = Date(timeIntervalSince1970: TimeInterval(dated.daysSinceEpoch * 86_400))
        for file in files.sorted(by: { $0.path < $1.path }) {
            let contents = file.contents
            try archive.addEntry(with: "\(folder)/\(file.path)", type: .file, uncompressedSize: Int64(contents.count),
                                 modificationDate: midnight, permissions: 0o644, compressionMethod: .deflate) { position, size in
                contents.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
