import ArgumentParser
import ConductKit
import Foundation

struct NewSchool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-school",
        abstract: "Create Schools/<slug>/school.yml for a new school.",
        discussion: """
            Example:
              conduct new-school halton-high --name "Halton High School" --town Runcorn \\
                --website https://www.haltonhigh.example.sch.uk/
            """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: ArgumentHelp("The school's folder name: lowercase words joined by hyphens.", valueName: "slug"))
    var slug: String

    @Option(help: "The school's official name.")
    var name: String

    @Option(help: "The town the school is in.")
    var town: String

    @Option(help: "The school's website, starting with https://.")
    var website: String

    func validate() throws {
        if let problem = School.slugProblem(slug) {
            throw ValidationError(problem.message + (problem.hint.map { "\n    hint: \($0)" } ?? ""))
        }
    }

    func run() async throws {
        let scaffold = SchoolScaffold(slug: slug, name: name, town: town, website: website)
        do {
            _ = try scaffold.create(root: site.rootURL)
        } catch {
            switch error {
            case .badSlug(let problem):
                Output.error("error: \(problem.message)")
                throw ExitCode.usage
            case .exists:
                Output.error("error: Schools/\(slug) already exists; choose another slug, or edit its school.yml")
                throw ExitCode.usage
            case .invalidSchool(let diagnostics):
                diagnostics.forEach { Output.error($0.description) }
                Output.error("Nothing was created: fix the values given on the command line.")
                throw ExitCode.contentErrors
            case .writeFailed(let problem):
                Output.error("error: cannot write Schools/\(slug): \(problem); nothing was left behind")
                throw ExitCode.contentErrors
            }
        }
        Output.line("Created Schools/\(slug)/school.yml")
        Output.line("Fill in, when you know them:")
        SchoolScaffold.toFillIn.forEach { Output.line("  - \($0)") }
        Output.line("Then run: conduct build --school \(slug)")
    }
}
