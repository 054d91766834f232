import Foundation

/// The file of the site a request asks for, read from the path of its request target
/// as the client sent it (still percent-encoded).
///
/// Only names of the built site are ever looked up, so nothing outside it can be
/// served; on top of that, paths that try to climb out of the site (`..`, also when
/// percent-encoded), that hide a separator (`%2F`, backslashes), that are absolute in
/// disguise (`//etc/passwd`) or that hold control characters are refused outright.
struct RequestPath: Equatable {
    /// The decoded segments: `["code-of-conduct"]` for `/code-of-conduct/`.
    var segments: [String]
    /// The path ends with "/": it names a folder, served by its `index.html`.
    var isFolder: Bool

    init?(_ raw: String) {
        guard raw.hasPrefix("/"), !raw.contains("\\"),
              raw.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        var parts = raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        isFolder = parts.last == ""
        if isFolder { parts.removeLast() }
        var segments: [String] = []
        for part in parts {
            guard let segment = part.removingPercentEncoding, !segment.isEmpty, segment != ".", segment != "..",
                  !segment.contains("/"), !segment.contains("\\"),
                  !segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
            segments.append(segment)
        }
        self.segments = segments
    }

    /// The path of the file inside the site: `code-of-conduct/index.html`.
    var file: String {
        (segments + (isFolder ? ["index.html"] : [])).joined(separator: "/")
    }
}
