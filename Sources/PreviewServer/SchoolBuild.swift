import ConductKit
import Foundation

/// One school's site as the preview serves it, built in memory: the preview never
/// writes to disk, so `Output/` is never touched.
struct ServedSite: Sendable, Equatable {
    /// The files of the school's folder, by their path inside it (`index.html`, `assets/site.css`).
    var files: [String: Data]
    var links: LocalLinks

    var pageCount: Int { files.keys.filter { $0.hasSuffix(".html") }.count }
}

/// Builds one school of the site under `root` as `conduct build` would now, drafts
/// included: the preview is where drafts are read before they are published.
struct SchoolBuilder: Sendable {
    enum Outcome: Sendable {
        case built(ServedSite)
        case failed([Diagnostic])
        case unknownSchool(available: [String])
    }

    let root: URL
    let school: String
    /// Nil for the time of each build, so a publishing window that opens shows up.
    let asOf: Date?

    func build() -> Outcome {
        do {
            let (site, files) = try Pipeline.render(root: root, schools: [school], asOf: asOf ?? Date(), includeDrafts: true)
            guard let built = site.schools.first(where: { $0.slug == school }) else {
                return .failed([missingSchool])
            }
            let prefix = school + "/"
            let own = files.filter { $0.path.hasPrefix(prefix) }
                .map { (String($0.path.dropFirst(prefix.count)), $0.contents) }
            return .built(ServedSite(files: Dictionary(own) { $1 }, links: LocalLinks(baseURL: built.baseURL)))
        } catch {
            switch error {
            case .invalidSite(let diagnostics): return .failed(diagnostics.sortedByLocation())
            case .unknownSchools(_, let available): return .unknownSchool(available: available)
            case .output(let diagnostic): return .failed([diagnostic])
            }
        }
    }

    /// What the overlay says when the school's folder disappears while it is previewed.
    var missingSchool: Diagnostic {
        let path = "Schools/\(school)/school.yml"
        return Diagnostic(.missingFile(purpose: "\(path), the school's details"), at: SourceLocation(path: path))
    }
}
