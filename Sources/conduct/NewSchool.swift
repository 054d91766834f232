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
        guard School.isValidSlug(slug) else {
            throw ValidationError("'\(slug)' is not a valid slug: use lowercase letters and digits joined by single hyphens, e.g. wade-deacon-high-school")
        }
    }

    func run() async throws {
        let scaffold = SchoolScaffold(slug: slug, name: name, town: town, website: website)
        let file: URL
        do {
            file = try scaffold.write(root: site.rootURL)
        } catch {
            let exists = (error as? CocoaError)?.code == .fileWriteFileExists
            Output.error("error: \(exists ? "Schools/\(slug) already exists" : "cannot write Schools/\(slug)"): \((error as NSError).localizedDescription)")
            throw exists ? ExitCode.usage : ExitCode.contentErrors
        }
        let (_, diagnostics) = SiteValidator.validate(SiteLoader.load(root: site.rootURL), schools: [slug])
        let own = diagnostics.filter { $0.location.path.hasPrefix("Schools/\(slug)/") }
        own.forEach { Output.error($0.description) }
        Output.line("Created Schools/\(slug)/school.yml")
        Output.line("Fill in, when you know them:")
        SchoolScaffold.toFillIn.forEach { Output.line("  - \($0)") }
        Output.line("Then run: conduct build --school \(slug)")
        if !own.isEmpty {
            Output.error("Fix the errors above in \(file.path) before building.")
            throw ExitCode.contentErrors
        }
    }
}
