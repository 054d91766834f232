import ArgumentParser
import ConductKit
import Foundation

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the sites of every school, or of the schools named with --school.",
        discussion: """
            The new site is written beside the output folder and swapped in only when \
            everything succeeded, so a failed build leaves the previous site untouched. \
            Ctrl-C stops it cleanly (exit status 130; 143 for SIGTERM); a build stopped in \
            any other way is made whole by the next one.

            Examples:
              conduct build
              conduct build --school wade-deacon-high-school --school riverside-college
              conduct build --output /tmp/preview
              conduct build --as-of 2026-11-16T08:00 --drafts
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Build only this school (its folder name under Schools/). Repeatable.",
                                            valueName: "slug"))
    var school: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where to write the sites (default: <root>/Output).", valueName: "folder"))
    var output: String?

    @Flag(name: .long, help: "Include documents and sections marked draft: true.")
    var drafts = false

    func run() async throws {
        let started = ContinuousClock.now
        let request = Pipeline.Request(root: site.rootURL, output: site.outputURL(output), schools: school,
                                       asOf: site.instant, includeDrafts: drafts)
        let (result, signal) = await Interruption.run { () async throws(Pipeline.Failure) in
            try await Pipeline.build(request)
        }
        let summary: Pipeline.Summary
        switch result {
        case .success(let value): summary = value
        case .failure(let failure): return try Reporting.report(failure, signal: signal, output: request.output)
        }
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let unchanged = summary.unchanged == 0 ? ""
            : " (\(summary.unchanged) unchanged since the last build)"
        Output.line(String(format: "Built %d %@, %d pages in %.2f s%@ -> %@", summary.schools,
                           summary.schools == 1 ? "school" : "schools", summary.pages, seconds, unchanged,
                           Reporting.displayPath(request.output)) + Reporting.leftovers(summary.removedLeftovers))
        if let signal { try Reporting.interruptedAfterFinishing(signal, output: request.output) }
    }
}
