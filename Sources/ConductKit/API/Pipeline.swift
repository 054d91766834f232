import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        /// Schools not read again, because an earlier build had checked them as they are.
        public var checkedEarlier: Int
        /// Temporary folders that stopped builds had left beside the output, removed.
        public var removedLeftovers: Int
    }

    public enum Failure: Error, Sendable {
        /// The site's files have problems; nothing was written.
        case invalidSite([Diagnostic])
        /// `--school` named folders that do not exist under `Schools/`.
        case unknownSchools([String], available: [String])
        /// The output folder could not be replaced; the previous one is untouched. Also
        /// `Diagnostic.Reason.interrupted`: the task was cancelled (Ctrl-C) before the new
        /// output began to be swapped in, and its temporary folder was removed.
        case output(Diagnostic)

        static func interrupted(_ request: Request) -> Failure {
            .output(Diagnostic(.interrupted, at: SourceLocation(path: request.output.path)))
        }
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
    /// changed, the time asked for publishes the same pages and the output is exactly as
    /// the last build left it, nothing is parsed or written; otherwise a school whose
    /// inputs have not changed and whose folder is as it was left keeps its pages.
    ///
    /// The output folder's lock is held throughout, from reading the previous output to
    /// the end of the commit. Cancelling the task (Ctrl-C) stops the build before the
    /// commit, with `Diagnostic.Reason.interrupted`; a commit once begun is finished.
    public static func build(_ request: Request) async throws(Failure) -> Summary {
        try checkOutputLocation(request)
        let writer = OutputWriter(destination: request.output)
        let lock: OutputLock
        do {
            lock = try writer.lock()
        } catch {
            throw .output(error)
        }
        defer { withExtendedLifetime(lock) {} }
        let removedLeftovers = writer.removeLeftovers()
        let previous = writer.readPrevious()

        let tree = SourceTree.read(root: request.root)
        let digests = tree.digests()
        let wholeKey = BuildRecord.WholeBuild.key(digests: digests, includeDrafts: request.includeDrafts,
                                                  selection: request.schools)
        if let last = previous.record?.build, last.key == wholeKey, last.covers(request.asOf), previous.isAsRecorded {
            return Summary(schools: last.schools, pages: last.pages, unchanged: last.schools, checkedEarlier: last.schools,
                           removedLeftovers: removedLeftovers)
        }
        guard !Task.isCancelled else { throw .interrupted(request) }

        // Schools an earlier build checked, in the state they are in now, are not read
        // again: they had no problem then, so they have none now.
        let checks = BuildRecord.CheckKeys(digests: digests)
        let earlier = (previous.record?.checked ?? [:]).filter { $0.value.key == checks.key(for: $0.key) }
        let (validSite, available) = try validated(
            SiteLoader.load(root: request.root, tree: tree,
                            skipping: earlier.sorted { $0.key < $1.key }.map { $0.value.listing(slug: $0.key) }),
            schools: request.schools)
        var site = validSite.published(at: request.asOf, includingDrafts: request.includeDrafts)
        let selection = request.schools.isEmpty ? nil : request.schools
        guard !Task.isCancelled else { throw .interrupted(request) }

        // Only what the previous record vouches for, as it left it, is carried over.
        let keeping = selection == nil ? [] : available.filter { !request.schools.contains($0) && previous.intact[$0] != nil }
        var record = BuildRecord(schools: (previous.record?.schools ?? [:]).filter { keeping.contains($0.key) })
        record.checked = earlier
        for school in validSite.schools { record.checked[school.slug] = .init(key: checks.key(for: school.slug), school: school) }
        let keys = BuildRecord.Keys(site: site, digests: digests, includeDrafts: request.includeDrafts)
        var unchanged: [String] = []
        var changed: [School] = []
        func isUnchanged(_ slug: String, key: String) -> Bool {
            record.schools[slug] = key
            return previous.record?.schools[slug] == key && previous.intact[slug] != nil
        }

        // A school checked earlier whose pages must be made again is read after all.
        let documents = Set(site.documents.keys)
        let selectedEarlier = earlier.filter { selection?.contains($0.key) ?? true }
        var unreadEarlier = Set<String>()
        for (slug, checked) in selectedEarlier {
            let sections = checked.publishedSections(at: request.asOf, includingDrafts: request.includeDrafts, documents: documents)
            if isUnchanged(slug, key: keys.key(slug: slug, sections: sections)) { unchanged.append(slug) } else { unreadEarlier.insert(slug) }
        }
        if !unreadEarlier.isEmpty {
            let others = validSite.directory.filter { !unreadEarlier.contains($0.slug) }
            let (reread, _) = try validated(SiteLoader.load(root: request.root, tree: tree, skipping: others),
                                            schools: unreadEarlier.sorted())
            site.schools = (site.schools + reread.published(at: request.asOf, includingDrafts: request.includeDrafts).schools)
                .sorted { $0.slug < $1.slug }
        }
        for school in site.schools {
            if isUnchanged(school.slug, key: keys.key(for: school)) { unchanged.append(school.slug) } else { changed.append(school) }
        }
        guard !Task.isCancelled else { throw .interrupted(request) }

        let renderer = SiteRenderer(site)
        let schoolCount = site.schools.count + selectedEarlier.count - unreadEarlier.count
        let pages = renderer.pageCount(schools: schoolCount)
        // The publishing times of the sections of schools not read count as well.
        var period = validSite.unchangedPeriod(around: request.asOf)
        for section in selectedEarlier.values.flatMap(\.sections) {
            for boundary in [section.from, section.until].compactMap({ $0 }) {
                if boundary <= request.asOf { period.from = max(period.from ?? boundary, boundary) }
                else { period.until = min(period.until ?? boundary, boundary) }
            }
        }
        record.build = BuildRecord.WholeBuild(key: wholeKey, from: period.from, until: period.until,
                                              schools: schoolCount, pages: pages)

        let staging: OutputWriter.Staging
        do {
            staging = try writer.stage(over: previous)
        } catch {
            throw .output(error)
        }
        let outcome = await renderInParallel(changed, with: renderer, into: staging)
        do throws(Diagnostic) {
            if case .failed(let failure) = outcome { throw failure }
            if outcome == .done {
                for file in renderer.consortiumFiles(keptSchools: Set(keeping + unchanged)) { try staging.add(file) }
            }
        } catch {
            staging.abandon()
            throw .output(error)
        }
        // Once the commit has begun it is finished, so an interruption only counts before.
        guard outcome == .done, !Task.isCancelled else {
            staging.abandon()
            throw .interrupted(request)
        }
        do throws(Diagnostic) {
            try staging.commit(keeping: Set(keeping + unchanged), record: record)
        } catch {
            staging.abandon()
            throw .output(error)
        }
        return Summary(schools: schoolCount, pages: pages, unchanged: unchanged.count,
                       checkedEarlier: selectedEarlier.count, removedLeftovers: removedLeftovers)
    }

    private enum RenderOutcome: Equatable {
        case done
        case failed(Diagnostic)
        case cancelled
    }

    /// Renders each school in a child task and hands its files to the staging folder
    /// as soon as they are made. No more schools are in flight than there are cores,
    /// so memory stays the same however many schools there are. The first failure, or
    /// a cancellation, stops the rest.
    private static func renderInParallel(_ schools: [School], with renderer: SiteRenderer,
                                         into staging: OutputWriter.Staging) async -> RenderOutcome {
        await withTaskGroup(of: RenderOutcome.self) { group in
            var pending = schools[...]
            func startNext() {
                guard let school = pending.popFirst() else { return }
                group.addTask {
                    guard !Task.isCancelled else { return .cancelled }
                    do throws(Diagnostic) {
                        for file in renderer.render(school) { try staging.add(file) }
                        return .done
                    } catch {
                        return .failed(error)
                    }
                }
            }
            for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) { startNext() }
            while let result = await group.next() {
                guard result == .done else {
                    group.cancelAll()
                    return result
                }
                startNext()
            }
            return Task.isCancelled ? .cancelled : .done
        }
    }

    /// What a publish made: the manifest of every published file and what changed
    /// since the previous publish.
    public struct Publication: Sendable {
        public var manifest: Manifest
        public var report: ChangeReport
        public var schools: [String]
        public var pages: Int
        /// Temporary folders that stopped builds had left beside the output, removed.
        public var removedLeftovers: Int
    }

    /// Builds the selected schools as of `request.asOf` (never with drafts) and adds, per
    /// school, a zip bundle and the files for websites and messages that cannot take the
    /// site as it is; then `manifest.json` and a change report against the previous one.
    /// With `--school`, the other schools keep what the output holds for them (their
    /// site folders and, from the previous publish, their `dist/` files and manifest
    /// lines) and the change report covers only the selected schools and the
    /// consortium's files. A phone number or outside address that the register of
    /// sources does not list stops the publish, as it fails `conduct check`; so do values
    /// a school has not confirmed (`unverified:`) unless `allowUnverified`, when each
    /// bundle's README lists them. A draft translation of a document being published
    /// stops it too, unless `leavingOutDraftTranslations`: then its pages are left out,
    /// as a build without `--drafts` leaves them out. With `dryRun` nothing is written.
    public static func publish(_ request: Request, dryRun: Bool, allowUnverified: Bool = false,
                               leavingOutDraftTranslations: Bool = false) throws(Failure) -> Publication {
        let source = SiteLoader.load(root: request.root)
        let (validSite, available) = try validated(source, schools: request.schools)
        // Unlisted numbers and addresses are reported in the sources, where they can be fixed.
        let unregistered = SourceRegisterCheck.check(source, schools: request.schools)
        guard unregistered.isEmpty else { throw .invalidSite(unregistered) }
        try refuseUnconfirmedValues(of: validSite.schools, unless: allowUnverified)
        let site = validSite.published(at: request.asOf, includingDrafts: false)
        try refuseDraftTranslations(of: validSite, publishing: site, unless: leavingOutDraftTranslations)
        guard let code = site.documents[.codeOfConduct], let version = code.version else {
            throw .invalidSite([Diagnostic(.codeNotPublished(asOf: LondonTime.iso(request.asOf)),
                                           at: SourceLocation(path: DocumentKind.codeOfConduct.path))])
        }
        try checkOutputLocation(request)
        let writer = OutputWriter(destination: request.output)
        // A dry run writes nothing, not even the lock file beside the output.
        let lock: OutputLock?
        do {
            lock = dryRun ? nil : try writer.lock()
        } catch {
            throw .output(error)
        }
        defer { withExtendedLifetime(lock) {} }
        let removedLeftovers = dryRun ? 0 : writer.removeLeftovers()
        let previous = writer.readPrevious()
        // A manifest changed since it was written says nothing true about the files.
        let previousManifest = previous.intact[Manifest.fileName] == nil ? nil : Manifest.decode(writer.manifest(of: previous))
        let slugs = Set(site.schools.map(\.slug))
        let kept = Set(request.schools.isEmpty ? [] : available.filter { !slugs.contains($0) && previous.intact[$0] != nil })
        if !request.schools.isEmpty {
            try refuseChangedPublication(previous, manifest: previousManifest, keeping: Set(available).subtracting(slugs),
                                         output: request.output)
        }
        // Their site files, and their dist/ files when dist/ is as the previous publish left it.
        let carried = (previousManifest?.files ?? []).filter { entry in
            guard let school = entry.school, kept.contains(school) else { return false }
            return entry.path.hasPrefix(school + "/") || (entry.path.hasPrefix("dist/") && previous.intact["dist"] != nil)
        }

        let renderer = SiteRenderer(site)
        var files = renderer.render(keptSchools: kept)
        // The pages as they would be uploaded: a broken link or a missing title stops
        // the publish, like a validation error, before anything is written.
        let check = SiteChecker.check(BuiltSite(files: files), schools: request.schools,
                                        locationPrefix: request.output.lastPathComponent + "/")
        guard check.passed else { throw .invalidSite(check.diagnostics) }
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
            let rendered: [OutputFile]?
            do throws(Diagnostic) {
                rendered = try BundleRenderer.render(school, with: renderer, version: version)
            } catch {
                throw .invalidSite([error])
            }
            guard let extras = rendered else { continue }
            let siteFiles = (filesOf[school.slug] ?? []).map { file in
                OutputFile(path: BundleRenderer.siteFolder + "/" + file.path.dropFirst(school.slug.count + 1), contents: file.contents)
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

        let manifest = Manifest(files: files, carrying: carried, version: version, asOf: request.asOf) { owner[$0] }
        // Without --school a school gone from the site is reported as removed.
        let report = request.schools.isEmpty
            ? ChangeReport(from: previousManifest, to: manifest, schools: site.schools.map(\.slug))
            : ChangeReport(from: previousManifest?.restricted(to: slugs), to: manifest.restricted(to: slugs),
                           schools: site.schools.map(\.slug))
        let publication = Publication(manifest: manifest, report: report, schools: site.schools.map(\.slug),
                                      pages: files.filter { $0.isPage && !$0.path.hasPrefix("dist/") }.count,
                                      removedLeftovers: removedLeftovers)
        guard !dryRun else { return publication }
        guard !Task.isCancelled else { throw .interrupted(request) }
        do {
            try writer.write(files + [OutputFile(path: Manifest.fileName, contents: manifest.encoded()),
                                      OutputFile(path: ChangeReport.fileName, text: report.text)],
                             carrying: carried.map(\.path).filter { $0.hasPrefix("dist/") }, keeping: kept,
                             record: BuildRecord(), over: previous)
        } catch {
            throw .output(error)
        }
        return publication
    }

    /// With `--school`, the other schools keep their folders, `dist/` files and manifest
    /// lines from the previous publish: refused, each at its place in the output, when any
    /// of those is no longer as that publish left it, rather than dropping the school.
    private static func refuseChangedPublication(_ previous: PreviousOutput, manifest: Manifest?, keeping schools: Set<String>,
                                                 output: URL) throws(Failure) {
        func problem(_ entry: String, _ keeping: [String]) -> Diagnostic {
            Diagnostic(.notAsPublished(entry: entry, keeping: keeping), at: SourceLocation(path: output.appendingPathComponent(entry).path))
        }
        guard let manifest else {
            // Without a manifest there is no earlier publish to keep; one changed by hand is refused.
            let published = previous.entries.contains(Manifest.fileName) ? schools.filter { previous.entries.contains($0) }.sorted() : []
            if !published.isEmpty { throw .invalidSite([problem(Manifest.fileName, published)]) }
            return
        }
        let others = Set(manifest.files.compactMap(\.school)).intersection(schools)
        var problems = others.sorted().filter { previous.intact[$0] == nil }.map { problem($0, [$0]) }
        let bundled = Set(manifest.files.filter { $0.path.hasPrefix("dist/") }.compactMap(\.school)).intersection(others)
        if !bundled.isEmpty && previous.intact["dist"] == nil { problems.append(problem("dist", bundled.sorted())) }
        guard problems.isEmpty else { throw .invalidSite(problems) }
    }

    /// Every value still to be confirmed, at its place under `unverified:`.
    private static func refuseUnconfirmedValues(of schools: [School], unless allowed: Bool) throws(Failure) {
        let unconfirmed = schools.flatMap { school in
            school.unverified.map { Diagnostic(.unconfirmedValue(key: $0.key, value: $0.value), at: $0.location) }
        }
        guard allowed || unconfirmed.isEmpty else { throw .invalidSite(unconfirmed) }
    }

    /// A translation nobody has reviewed is never published by accident: whoever
    /// publishes saw its pages in the preview or a `--drafts` build, so leaving them out
    /// without a word would surprise them. Refused at its `reviewed_by`, unless its English
    /// is not being published either.
    private static func refuseDraftTranslations(of site: Site, publishing published: Site, unless leftOut: Bool) throws(Failure) {
        let drafts = site.translations.filter { $0.isDraft && published.documents[$0.kind] != nil }
        guard leftOut || drafts.isEmpty else {
            throw .invalidSite(drafts.map { Diagnostic(.draftTranslation(language: $0.language.description), at: $0.reviewedBy.location) })
        }
    }

    /// The output folder is replaced whole, so it must not hold or be the sources, by its
    /// name or through a symbolic link on the way to either.
    private static func checkOutputLocation(_ request: Request) throws(Failure) {
        let named = request.output.standardizedFileURL.path
        let output = followingLinks(named), root = followingLinks(request.root.standardizedFileURL.path)
        let sources = ["Content", "Templates", "Schools"].map { root + "/" + $0 }
        if output == root || root.hasPrefix(output + "/") || sources.contains(where: { output == $0 || output.hasPrefix($0 + "/") }) {
            throw .output(Diagnostic(.outputInsideSources, at: SourceLocation(path: named)))
        }
        // The build into that folder would remove this one, even while it is being written.
        var ancestor = URL(fileURLWithPath: output).deletingLastPathComponent()
        while ancestor.path != "/" {
            if FileManager.default.fileExists(atPath: ancestor.appendingPathComponent(OutputWriter.markerName).path) {
                throw .output(Diagnostic(.outputInsideOutput(ancestor.path), at: SourceLocation(path: named)))
            }
            ancestor.deleteLastPathComponent()
        }
    }

    /// `path` (absolute, without `.` or `..`) with the links in the part of it that
    /// exists followed, as `realpath` does; the rest, not made yet, is appended as it is.
    private static func followingLinks(_ path: String) -> String {
        var existing = path, missing: [Substring] = []
        while existing.count > 1 {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return ([base == "/" ? "" : base] + missing.reversed().map(String.init)).joined(separator: "/")
            }
            let cut = existing.lastIndex(of: "/") ?? existing.startIndex
            missing.append(existing[existing.index(after: cut)...])
            existing = cut == existing.startIndex ? "/" : String(existing[..<cut])
        }
        return path
    }

    /// Stage 2 on what stage 1 loaded: the checked site, and the slugs of every school folder.
    private static func validated(_ source: SiteSource, schools: [String]) throws(Failure)
        -> (Site, available: [String]) {
        let available = source.checkedEarlier.isEmpty ? source.schools.map(\.folder)
            : (source.schools.map(\.folder) + source.checkedEarlier.map(\.slug)).sorted()
        let unknown = schools.filter { !available.contains($0) }
        guard unknown.isEmpty else { throw .unknownSchools(unknown, available: available) }
        let (site, diagnostics) = SiteValidator.validate(source, schools: schools.isEmpty ? nil : schools)
        guard let site else { throw .invalidSite(diagnostics) }
        return (site, available)
    }
}
