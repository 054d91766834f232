import ArgumentParser
import ConductKit

struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every school: slug, name and town.",
        discussion: """
            Example:
              conduct list
            """
    )

    @OptionGroup var site: SiteOptions

    func run() async throws {
        let schools = SiteLoader.load(root: site.rootURL).schools
        guard !schools.isEmpty else {
            Output.error("No schools under \(site.rootURL.appendingPathComponent("Schools").path); add one with `conduct new-school`.")
            return
        }
        let width = schools.map(\.folder.count).max() ?? 0
        for school in schools {
            let slug = school.folder.padding(toLength: width, withPad: " ", startingAt: 0)
            Output.line("\(slug)  \(school.name)  (\(school.town ?? "town not set"))")
        }
    }
}
