import Foundation

/// The four stages in order: load → validate → render → write.
public enum Pipeline {
    public struct Request: Sendable {
        public var root: URL
        public var output: URL
        /// Slugs to build; empty builds every school.
        public var schools: [String]
        /// The time the site is built for: it decides which documents and sections are
        /// published and whether the campaign banner shows. Never read from the clock
        /// here, so that a launch can be rehearsed and tests do not depend on the date.
        public var asOf: Date
        public var includeDrafts: Bool

        public init(root: URL, output: URL, schools: [String] = [], asOf: Date, includeDrafts: Bool = false) {
            self.root = root
            self.output = output
            self.schools = schools
            self.asOf = asOf
            self.includeDrafts = includeDrafts
        }
    }

    public struct Summary: Sendable, Equatable {
        public var schools: Int
        public var pages: Int
        public var files: Int
    }

    public enum Failure: Error, Sendable {
        /// The site's files have problems; nothing was written.
        case invalidSite([Diagnostic])
        /// `--school` named folders that do not exist under `Schools/`.
        case unknownSchools([String], available: [String])
        /// The output folder could not be replaced; the previous one is untouched.
        case output(Diagnostic)
    }

    /// Loads and validates the site and renders the requested schools in memory,
    /// writing nothing: for callers that serve or inspect pages (preview, check).
    public static func render(root: URL, schools: [String] = [], asOf: Date,
                              includeDrafts: Bool = false) throws(Failure) -> (site: Site, files: [OutputFile]) {
        let (site, _) = try validated(root: root, schools: schools)
        let published = site.published(at: asOf, includingDrafts: includeDrafts)
        return (published, SiteRenderer.render(published))
    }

    public static func build(_ request: Request) throws(Failure) -> Summary {
        let (validSite, available) = try validated(root: request.root, schools: request.schools)
        let site = validSite.published(at: request.asOf, includingDrafts: request.includeDrafts)
        let selection = request.schools.isEmpty ? nil : request.schools

        let output = request.output.standardizedFileURL.path, root = request.root.standardizedFileURL.path
        let sources = ["Content", "Templates", "Schools"].map { root + "/" + $0 }
        if output == root || root.hasPrefix(output + "/") || sources.contains(where: { output == $0 || output.hasPrefix($0 + "/") }) {
            throw .output(Diagnostic(.outputInsideSources, at: SourceLocation(path: output)))
        }
        let writer = OutputWriter(destination: request.output)
        let previous = writer.previousEntries()
        let keeping = selection == nil ? [] : available.filter { !request.schools.contains($0) && previous.contains($0) }
        let files = SiteRenderer.render(site, keptSchools: Set(keeping))
        do {
            try writer.write(files, keeping: keeping)
        } catch {
            throw .output(error)
        }
        return Summary(schools: site.schools.count, pages: files.filter(\.isPage).count, files: files.count)
    }

    /// Stages 1 and 2: the checked site, and the slugs of every school folder.
    private static func validated(root: URL, schools: [String]) throws(Failure) -> (Site, available: [String]) {
        let source = SiteLoader.load(root: root)
        let available = source.schools.map(\.folder)
        let unknown = schools.filter { !available.contains($0) }
        guard unknown.isEmpty else { throw .unknownSchools(unknown, available: available) }
        let (site, diagnostics) = SiteValidator.validate(source, schools: schools.isEmpty ? nil : schools)
        guard let site else { throw .invalidSite(diagnostics) }
        return (site, available)
    }
}
