import ArgumentParser
import ConductKit
import Foundation
import PreviewServer

struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve one school's site on this computer, rebuilt and reloaded as you edit.",
        discussion: """
            Pages are served as they will be published, with a script that reloads them \
            when a file under Content/, Templates/ or Schools/<slug>/ changes. While the \
            files have errors, every page lists them. Nothing is written to Output/. \
            Stop with Ctrl-C.

            Examples:
              conduct preview wade-deacon-high-school
              conduct preview wade-deacon-high-school --port 0
            """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: ArgumentHelp("The school to preview (its folder name under Schools/).", valueName: "slug"))
    var slug: String?

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port: Int = 8000

    @Option(help: ArgumentHelp("""
        The address to listen on. Any other than 127.0.0.1 lets other computers see the preview, \
        at this computer's address (http://192.168.1.5:8000/), not at its name.
        """, valueName: "address"))
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535 (0 picks a free port), not \(port)")
        }
    }

    func run() async throws {
        guard let slug else {
            Output.error("error: name the school to preview, e.g. conduct preview <slug>")
            Output.error("    hint: schools: \(SiteLoader.load(root: site.rootURL).schools.map(\.folder).joined(separator: ", "))")
            throw ExitCode.usage
        }
        let configuration = PreviewServer.Configuration(root: site.rootURL, school: slug, host: host, port: port,
                                                        asOf: site.asOf?.date)
        if !configuration.isLoopbackOnly {
            Output.error("warning: listening on \(host): other computers that can reach this one can see the preview")
        }
        do {
            try await PreviewServer.run(configuration) { event in
                show(event, configuration)
                // The preview runs for a long time: its lines must appear as they happen, also in a pipe.
                fflush(nil)
            }
        } catch {
            try report(error)
        }
        Output.line("Stopped.")
    }

    private func show(_ event: PreviewEvent, _ configuration: PreviewServer.Configuration) {
        switch event {
        case .listening(let url):
            Output.line("Previewing \(configuration.school) at \(url.absoluteString) (Ctrl-C to stop)")
            Output.line("Watching \(configuration.watchedFolders.map { $0 + "/" }.joined(separator: ", "))")
        case .built(let build):
            let milliseconds = Int((build.duration / .milliseconds(1)).rounded())
            let cause = build.changedFiles.isEmpty ? "" : "\(changes(build.changedFiles)) changed: "
            guard build.problems.isEmpty else {
                build.problems.forEach { Output.error($0.description) }
                let count = build.problems.count
                Output.error("\(cause)\(count) \(count == 1 ? "error" : "errors"); the pages show \(count == 1 ? "it" : "them") until fixed.")
                return
            }
            guard !cause.isEmpty else {
                Output.line("Built \(build.pages) pages in \(milliseconds) ms")
                return
            }
            Output.line("\(cause)rebuilt \(build.pages) pages in \(milliseconds) ms\(build.reloads ? "" : "; the pages are unchanged")")
        }
    }

    private func changes(_ files: [String]) -> String {
        files.count <= 2 ? files.joined(separator: ", ") : "\(files[0]) and \(files.count - 1) more files"
    }

    private func report(_ failure: PreviewServer.Failure) throws {
        switch failure {
        case .unknownSchool(let slug, let available):
            Output.error("error: no school folder named '\(slug)' under Schools/")
            Output.error("    hint: schools: \(available.joined(separator: ", "))")
            throw ExitCode.usage
        case .cannotListen(let address, let reason):
            Output.error("error: cannot listen on \(address): \(reason)")
            Output.error("    hint: choose another port with --port, or --port 0 for a free one")
        case .cannotWatch(let folder, let reason):
            Output.error("error: cannot watch \(folder) for changes: \(reason)")
        case .serverFailed(let reason):
            Output.error("error: the preview server stopped: \(reason)")
        }
        throw ExitCode.contentErrors
    }
}
