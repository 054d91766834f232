import ArgumentParser
import ConductKit
import Foundation

/// Runs the command so that usage mistakes exit with status 2 (argument-parser's
/// default is 64), content errors with 1, and success with 0.
@main
enum Entry {
    static func main() async {
        do {
            var command = try Conduct.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if Conduct.exitCode(for: error) == .validationFailure {
                Output.error(Conduct.fullMessage(for: error))
                exit(ExitCode.usage.rawValue)
            }
            Conduct.exit(withError: error)
        }
    }
}

extension ExitCode {
    static let contentErrors = ExitCode(1)
    static let usage = ExitCode(2)
}

struct Conduct: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conduct",
        abstract: "Builds every school's Social Media Code of Conduct site.",
        discussion: """
            Reads Content/, Templates/ and Schools/ under --root and writes one site per \
            school into Output/.

            Examples:
              conduct build
              conduct build --school wade-deacon-high-school
              conduct list
            """,
        version: Generator.version,
        subcommands: [Build.self, List.self, NewSchool.self, Preview.self, Check.self, Publish.self],
        defaultSubcommand: Build.self
    )
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder holding Content/, Templates/ and Schools/.", valueName: "folder"))
    var root: String = "."

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Build the site as it will be at this UK time, to rehearse a launch (default: now).",
        discussion: "YYYY-MM-DD (the start of that day) or YYYY-MM-DDTHH:MM, always Europe/London time.",
        valueName: "time"))
    var asOf: LondonInstant?

    var rootURL: URL {
        URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }

    /// The folder given with --output, or <root>/Output.
    func outputURL(_ output: String?) -> URL {
        (output.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? rootURL.appendingPathComponent("Output", isDirectory: true)).standardizedFileURL
    }

    /// The time given with --as-of, or now.
    var instant: Date { asOf?.date ?? Date() }
}

/// A time as `--as-of` takes it, read as London time whatever the machine's `TZ`.
struct LondonInstant: ExpressibleByArgument {
    let date: Date

    init?(argument: String) {
        guard let date = LondonTime.instant(parsing: argument) else { return nil }
        self.date = date
    }
}

/// The only place that writes to the terminal, never with raw control characters.
enum Output {
    static func line(_ text: String, terminator: String = "\n") {
        print(Reporting.printable(text), terminator: terminator)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((Reporting.printable(text) + "\n").utf8))
    }
}
