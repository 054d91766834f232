import ArgumentParser
import ConductKit
import Foundation

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish every school's site for upload: the sites, a zip bundle per school and a manifest.",
        discussion: """
            Builds as of --as-of (never with drafts) and refuses to publish when anything \
            fails its checks. Per school it writes the site, dist/<slug>-<version>.zip, and \
            dist/<slug>/ with embed.html, letter.txt, letter-print.html and poster.html (both with a QR \
            code of the Code's address); then \
            manifest.json (every file's SHA-256 and size) and changes.txt, what changed \
            since the previous publish in the same folder. The same inputs and --as-of \
            give byte-identical files. With --school, the other schools keep what the \
            previous publish gave them, and the change report covers only the schools named. \
            A phone number or an outside address that Content/sources.yml does not list \
            stops the publish, as `conduct check` does; so do values a school has not \
            confirmed (`unverified:` in school.yml), unless --allow-unverified is given, when \
            each bundle's README.txt lists them; and so does a draft translation (one with an \
            empty `reviewed_by:`), unless --leave-out-draft-translations is given, when its \
            pages are not published.

            Examples:
              conduct publish --as-of 2026-11-16T07:00 --dry-run
              conduct publish --as-of 2026-11-16T07:00
              conduct publish --school riverside-college
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Publish only this school (its folder name under Schools/). Repeatable.",
                                            valueName: "slug"))
    var school: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where to publish (default: <root>/Output).", valueName: "folder"))
    var output: String?

    @Flag(name: .long, help: "Show what would be published and what would change, and write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Publish even though school.yml lists values under unverified: (the bundles' README.txt lists them).")
    var allowUnverified = false

    @Flag(name: .long, help: "Publish without the pages of draft translations (reviewed_by: empty) instead of refusing them.")
    var leaveOutDraftTranslations = false

    func run() async throws {
        let request = Pipeline.Request(root: site.rootURL, output: site.outputURL(output), schools: school,
                                       asOf: site.instant)
        let dryRun = dryRun, allowUnverified = allowUnverified, leaveOutDrafts = leaveOutDraftTranslations
        let (result, signal) = await Interruption.run { () async throws(Pipeline.Failure) in
            try Pipeline.publish(request, dryRun: dryRun, allowUnverified: allowUnverified,
                                 leavingOutDraftTranslations: leaveOutDrafts)
        }
        let publication: Pipeline.Publication
        switch result {
        case .success(let value): publication = value
        case .failure(let failure): return try Reporting.report(failure, signal: signal, output: request.output)
        }
        let manifest = publication.manifest
        let schools = publication.schools.count
        let summary = "\(schools) \(schools == 1 ? "school" : "schools") as of \(manifest.asOf), version \(manifest.version): "
            + "\(publication.pages) pages, \(manifest.files.count) files"
        let folder = Reporting.displayPath(request.output)
        if dryRun {
            Output.line("Dry run: would publish \(summary) into \(folder) (nothing was written)")
            for slug in publication.schools {
                let entries = manifest.files.filter { $0.school == slug }
                let bytes = entries.reduce(0) { $0 + $1.size }
                let bundle = entries.first { $0.path.hasSuffix(".zip") }.map { " (\($0.path))" } ?? ""
                Output.line("  \(slug): \(entries.count) files, \(bytes / 1024) KB\(bundle)")
            }
        } else {
            Output.line("Published \(summary) -> \(folder)" + Reporting.leftovers(publication.removedLeftovers))
        }
        Output.line(publication.report.text, terminator: "")
        if let signal { try Reporting.interruptedAfterFinishing(signal, output: request.output) }
    }
}
