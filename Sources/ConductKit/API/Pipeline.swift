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
        /// Schools whose pages were carried over from the previous build unchanged.
        public var unchanged: Int
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
        let (site, _) = try validated(SiteLoader.load(root: root), schools: schools)
        let published = site.published(at: asOf, includingDrafts: includeDrafts)
        return (published, SiteRenderer(published).render())
    }

    /// Renders the schools on every core, writing each school's files as soon as they
    /// are made so that memory does not grow with the number of schools.
    ///
    /// Work already done is not done again (see `BuildRecord`): when no source file has
    /// changed and the time asked for publishes the same pages, nothing is parsed or
    /// written; otherwise a school whose inputs have not changed keeps its pages.
    public static func build(_ request: Request) async throws(Failure) -> Summary {
        let tree = SourceTree.read(root: request.root)
        let digests = tree.digests()
        let writer = OutputWriter(destination: request.output)
        let previous = writer.previousEntries()
        let previousRecord = BuildRecord.decode(writer.previousFile(named: BuildRecord.fileName))
        let wholeKey = BuildRecord.WholeBuild.key(digests: digests, includeDrafts: request.includeDrafts,
                                                  selection: request.schools)
        if let last = previousRecord?.build, last.key == wholeKey, last.covers(request.asOf),
           previous.contains("index.html"), previousRecord?.schools.keys.allSatisfy(previous.contains) == true,
           (try? checkOutputLocation(request)) != nil {
            return Summary(schools: last.schools, pages: last.pages, unchanged: last.schools)
        }

        let (validSite, available) = try validated(SiteLoader.load(root: request.root, tree: tree), schools: request.schools)
        let site = validSite.published(at: request.asOf, includingDrafts: request.includeDrafts)
        let selection = request.schools.isEmpty ? nil : request.schools

        try checkOutputLocation(request)
        let keeping = selection == nil ? [] : available.filter { !request.schools.contains($0) && previous.contains($0) }
        var record = BuildRecord(schools: (previousRecord?.schools ?? [:]).filter { keeping.contains($0.key) })
        let renderer = SiteRenderer(site)
        let period = validSite.unchangedPeriod(around: request.asOf)
        record.build = BuildRecord.WholeBuild(key: wholeKey, from: period.from, until: period.until,
                                              schools: site.schools.count, pages: renderer.pageCount)
        var unchanged: [String] = []
        var changed: [School] = []
        let keys = BuildRecord.Keys(site: site, digests: digests, includeDrafts: request.includeDrafts)
        for school in site.schools {
            let key = keys.key(for: school)
            record.schools[school.slug] = key
            if previousRecord?.schools[school.slug] == key && previous.contains(school.slug) {
                unchanged.append(school.slug)
            } else {
                changed.append(school)
            }
        }

        let staging: OutputWriter.Staging
        do {
            staging = try writer.stage()
        } catch {
            throw .output(error)
        }
        let failure = await renderInParallel(changed, with: renderer, into: staging)
        do throws(Diagnostic) {
            if let failure { throw failure }
            for file in renderer.consortiumFiles(keptSchools: Set(keeping)) { try staging.add(file) }
            try staging.add(OutputFile(path: BuildRecord.fileName, contents: record.encoded()))
            try staging.commit(keeping: Set(keeping + unchanged))
        } catch {
            staging.abandon()
            throw .output(error)
        }
        return Summary(schools: site.schools.count, pages: renderer.pageCount, unchanged: unchanged.count)
    }

    /// Renders each school in a child task and hands its files to the staging folder
    /// as soon as they are made. No more schools are in flight than there are cores,
    /// so memory stays the same however many schools there are. The first failure
    /// stops the rest.
    private static func renderInParallel(_ schools: [School], with renderer: SiteRenderer,
                                         into staging: OutputWriter.Staging) async -> Diagnostic? {
        await withTaskGroup(of: Diagnostic?.self) { group in
            var pending = schools[...]
            func startNext() {
                guard let school = pending.popFirst() else { return }
                group.addTask {
                    do throws(Diagnostic) {
                        for file in renderer.render(school) { try staging.add(file) }
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) { startNext() }
            while let result = await group.next() {
                if let failure = result {
                    group.cancelAll()
                    return failure
                }
                startNext()
            }
            return nil
        }
    }

    /// What a publish made: the manifest of every published file and what changed
    /// since the previous publish.
    public struct Publication: Sendable {
        public var manifest: Manifest
        public var report: ChangeReport
        public var schools: [String]
        public var pages: Int
    }

    /// Builds the selected schools as of `request.asOf` (never with drafts) and adds, per
    /// school, a zip bundle and the files for websites and messages that cannot take the
    /// site as it is; then `manifest.json` and a change report against the previous one.
    /// With `dryRun` nothing is written. Values a school has not confirmed (`unverified:`)
    /// stop the publish unless `allowUnverified`; each bundle's README then lists them.
    public static func publish(_ request: Request, dryRun: Bool, allowUnverified: Bool = false) throws(Failure) -> Publication {
        let (validSite, _) = try validated(SiteLoader.load(root: request.root), schools: request.schools)
        try refuseUnconfirmedValues(of: validSite.schools, unless: allowUnverified)
        let site = validSite.published(at: request.asOf, includingDrafts: false)
        guard let code = site.documents[.codeOfConduct], let version = code.version else {
            throw .invalidSite([Diagnostic(.codeNotPublished(asOf: LondonTime.iso(request.asOf)),
                                           at: SourceLocation(path: "Content/\(DocumentKind.codeOfConduct.fileName)"))])
        }
        try checkOutputLocation(request)

        let renderer = SiteRenderer(site)
        var files = renderer.render()
        // The pages as they would be uploaded: a broken link or a missing title stops
        // the publish, like a validation error, before anything is written.
        let check = SiteChecker.check(BuiltSite(files: files), schools: request.schools,
                                        locationPrefix: request.output.lastPathComponent + "/")
        guard check.passed else { throw .invalidSite(check.diagnostics) }
        let slugs = Set(site.schools.map(\.slug))
        var owner: [String: String] = [:]
        var filesOf: [String: [OutputFile]] = [:]
        for file in files {
            if let slug = file.path.split(separator: "/").first.map(String.init), slugs.contains(slug) {
                owner[file.path] = slug
                filesOf[slug, default: []].append(file)
            }
        }
        let fileVersion = String(version.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" })
        for school in site.schools {
            guard let extras = BundleRenderer.render(school, with: renderer, version: version) else { continue }
            let siteFiles = (filesOf[school.slug] ?? []).map { file in
                OutputFile(path: "site/" + file.path.dropFirst(school.slug.count + 1), contents: file.contents)
            }
            let bundleName = "\(school.slug)-\(fileVersion)"
            let zip: Data
            do {
                zip = try ZipBundle.make(siteFiles + extras, inFolder: bundleName, dated: site.campaign.launch)
            } catch {
                throw .output(Diagnostic(.outputWriteFailed(problem: "cannot make \(bundleName).zip: \(error)"),
                                         at: SourceLocation(path: request.output.path)))
            }
            let published = extras.map { OutputFile(path: "dist/\(school.slug)/\($0.path)", contents: $0.contents) }
                + [OutputFile(path: "dist/\(bundleName).zip", contents: zip)]
            published.forEach { owner[$0.path] = school.slug }
            files += published
        }

        let writer = OutputWriter(destination: request.output)
        let manifest = Manifest(files: files, version: version, asOf: request.asOf) { owner[$0] }
        let report = ChangeReport(from: Manifest.decode(writer.previousFile(named: Manifest.fileName)), to: manifest,
                                  schools: site.schools.map(\.slug))
        let publication = Publication(manifest: manifest, report: report, schools: site.schools.map(\.slug),
                                      pages: files.filter { $0.isPage && !$0.path.hasPrefix("dist/") }.count)
        guard !dryRun else { return publication }
        do {
            try writer.write(files + [OutputFile(path: Manifest.fileName, contents: manifest.encoded()),
                                      OutputFile(path: ChangeReport.fileName, text: report.text)])
        } catch {
            throw .output(error)
        }
        return publication
    }

    /// Every value still to be confirmed, at its place under `unverified:`.
    private static func refuseUnconfirmedValues(of schools: [School], unless allowed: Bool) throws(Failure) {
        let unconfirmed = schools.flatMap { school in
            school.unverified.map { Diagnostic(.unconfirmedValue(key: $0.key, value: $0.value), at: $0.location) }
        }
        guard allowed || unconfirmed.isEmpty else { throw .invalidSite(unconfirmed) }
    }

    /// The output folder is replaced whole, so it must not hold or be the sources.
    private static func checkOutputLocation(_ request: Request) throws(Failure) {
        let output = request.output.standardizedFileURL.path, root = request.root.standardizedFileURL.path
        let sources = ["Content", "Templates", "Schools"].map { root + "/" + $0 }
        if output == root || root.hasPrefix(output + "/") || sources.contains(where: { output == $0 || output.hasPrefix($0 + "/") }) {
            throw .output(Diagnostic(.outputInsideSources, at: SourceLocation(path: output)))
        }
    }

    /// Stage 2 on what stage 1 loaded: the checked site, and the slugs of every school folder.
    private static func validated(_ source: SiteSource, schools: [String]) throws(Failure)
        -> (Site, available: [String]) {
        let available = source.schools.map(\.folder)
        let unknown = schools.filter { !available.contains($0) }
        guard unknown.isEmpty else { throw .unknownSchools(unknown, available: available) }
        let (site, diagnostics) = SiteValidator.validate(source, schools: schools.isEmpty ? nil : schools)
        guard let site else { throw .invalidSite(diagnostics) }
        return (site, available)
    }
}
