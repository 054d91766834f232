import ArgumentParser
import ConductKit
import Foundation

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a built site (links, ids, titles, contrast) and its sources (phone numbers and addresses against Content/sources.yml).",
        discussion: """
            Reads the built site without the network. Every link and image must reach a \
            generated file, every #fragment an id on its page, addresses elsewhere must be \
            https://, and each page needs a title, a language and one h1. Each school's \
            colours are measured against WCAG AA. Every phone number and outside address in \
            the content must be listed in Content/sources.yml. Reading levels, the Code's \
            length, the values schools have still to confirm and the translations (drafts, \
            and those the English has changed since, with the digest to copy once they are \
            brought up to date) are shown as figures; they never fail the check.

            Exit status: 0 no problems, 1 problems (or no built site), 2 a mistake on the \
            command line.

            Examples:
              conduct build && conduct check
              conduct check --school wade-deacon-high-school
              conduct check --output /tmp/site
            """
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The built site to check (default: <root>/Output).", valueName: "folder"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Check only this school (its folder name). Repeatable.", valueName: "slug"))
    var school: [String] = []

    func run() async throws {
        let rootURL = options.rootURL
        let outputURL = options.outputURL(output)
        let shown = Reporting.displayPath(outputURL)

        let site: BuiltSite
        do {
            site = try BuiltSite.read(folder: outputURL)
        } catch {
            switch error {
            case .missing, .noPages:
                Output.error("error: there is no built site in \(shown)")
                let build = ["conduct build"] + (options.root == "." ? [] : ["--root", options.root]) + (output.map { ["--output", $0] } ?? [])
                Output.error("    hint: run `\(build.joined(separator: " "))` first")
            case .unreadable(let path, let problem):
                Output.error("error: cannot read \(path): \(problem)")
            }
            throw ExitCode.contentErrors
        }
        let unknown = school.filter { !site.schools.contains($0) }
        guard unknown.isEmpty else {
            Output.error("error: no built school named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in \(shown)")
            Output.error("    hint: built schools: \(site.schools.joined(separator: ", "))")
            throw ExitCode.usage
        }

        let check = SiteChecker.check(site, schools: school, locationPrefix: shown)
        let content = ContentReport.make(root: rootURL, schools: school)
        let diagnostics = check.diagnostics + content.diagnostics
        diagnostics.forEach { Output.error($0.description) }
        printContrast(check.contrast)
        printReadingLevels(content.readingLevels, root: rootURL)
        printTranslations(content.translations)
        content.codeLength.map(printLength)
        printOutOfDate(content.outOfDate)
        printUnconfirmed(content.unconfirmed)
        let errors = diagnostics.count
        Output.line("Checked \(check.pages) \(check.pages == 1 ? "page" : "pages") in \(check.schools.count) "
                    + "\(check.schools.count == 1 ? "school" : "schools"): \(errors) \(errors == 1 ? "error" : "errors")")
        if errors > 0 { throw ExitCode.contentErrors }
    }

    /// The brand colour of each school with its two uses, then the other pairs, once
    /// for all schools when they are the same everywhere.
    private func printContrast(_ measurements: [ContrastMeasurement]) {
        guard !measurements.isEmpty else { return }
        Output.line("Colour contrast (WCAG 2.2 AA: text 4.5:1; large text and borders 3:1)")
        func site(_ school: String?) -> String { school ?? "consortium page" }
        func heading(_ use: ColourUse) -> String { "\(use.shortName) (\(String(format: "%g", use.minimum)))" }
        func cell(_ measurement: ContrastMeasurement) -> String {
            String(format: "%.2f:1", measurement.ratio)
                + (measurement.passes ? "" : String(format: " below %g", measurement.use.minimum))
        }
        let brandUses = ColourUse.all.filter { $0.foreground == "--brand" || $0.background == "--brand" }
        var rows: [[String]] = [["school", "brand"] + brandUses.map(heading)]
        var seen: [String] = []
        for measurement in measurements where brandUses.contains(measurement.use) {
            let brand = measurement.use.foreground == "--brand" ? measurement.foreground : measurement.background
            let key = site(measurement.school) + " " + brand
            guard !seen.contains(key) else { continue }
            seen.append(key)
            let cells = brandUses.map { use in
                measurements.first {
                    $0.school == measurement.school && $0.use == use
                        && (use.foreground == "--brand" ? $0.foreground : $0.background) == brand
                }.map(cell) ?? "-"
            }
            rows.append([site(measurement.school), brand] + cells)
        }
        printTable(rows)

        let sites = Set(measurements.map { site($0.school) })
        var palette: [[String]] = [["other colours (minimum)", "foreground on background", "ratio", "where"]]
        for use in ColourUse.all where !brandUses.contains(use) {
            var groups: [(measurement: ContrastMeasurement, sites: [String])] = []
            for measurement in measurements where measurement.use == use {
                if let index = groups.firstIndex(where: {
                    $0.measurement.foreground == measurement.foreground && $0.measurement.background == measurement.background
                }) {
                    groups[index].sites.append(site(measurement.school))
                } else {
                    groups.append((measurement, [site(measurement.school)]))
                }
            }
            for group in groups {
                palette.append([heading(use), "\(group.measurement.foreground) on \(group.measurement.background)",
                                cell(group.measurement),
                                Set(group.sites) == sites ? "every site" : group.sites.joined(separator: ", ")])
            }
        }
        Output.line("")
        printTable(palette)
        Output.line("")
    }

    private func printReadingLevels(_ levels: [ReadingLevel], root: URL) {
        guard !levels.isEmpty else {
            Output.line("Reading level: no documents found in \(Reporting.displayPath(root)); give the site's folder with --root")
            return
        }
        Output.line("Reading level (Flesch reading ease, higher is easier; reading age = Flesch-Kincaid grade + 5)")
        var rows = [["file", "words", "sentences", "ease", "age", "aim"]]
        for level in levels {
            let aim = level.aim == ReadingLevel.usualAim ? "about \(level.aim)" : "\(level.aim) or below"
            rows.append([level.path, "\(level.words)", "\(level.sentences)", String(format: "%.1f", level.readingEase),
                         String(format: "%.1f", level.readingAge), aim])
        }
        printTable(rows, rightAligned: [1, 2, 3, 4])
        // An Easy Read's aim is a ceiling: say so when it is above it.
        for level in levels where level.aim < ReadingLevel.usualAim && level.readingAge > Double(level.aim) {
            Output.line("  \(level.path) reads at \(String(format: "%.1f", level.readingAge)), above its aim of \(level.aim) or below: "
                        + "shorter sentences and more common words bring it down")
        }
        Output.line("")
    }

    /// Each translation: a draft or who reviewed it, and whether the English has changed
    /// since, with the values to copy into its front matter once it is translated again.
    private func printTranslations(_ translations: [TranslationStatus]) {
        guard !translations.isEmpty else { return }
        Output.line("Translations (no reading level: the Flesch formulas are for English, so other languages are not measured)")
        var rows = [["file", "language", "reviewed by", "English"]]
        for translation in translations {
            let state = translation.origin.map { $0.isOutOfDate ? "out of date" : "up to date" } ?? "(cannot be read)"
            rows.append([translation.path, translation.language.description,
                         translation.reviewedBy.isEmpty ? "(draft: not published)" : translation.reviewedBy, state])
        }
        printTable(rows)
        let outOfDate = translations.compactMap { translation in translation.origin.map { (translation.path, $0) } }
            .filter { $0.1.isOutOfDate }
        if !outOfDate.isEmpty {
            Output.line("Out of date: the English has changed since these were translated, and their pages say so. "
                        + "Once the changes are translated, set in the front matter:")
            for (path, origin) in outOfDate {
                let version = origin.englishVersion.map { "source_version: \"\($0)\", " } ?? ""
                Output.line("  \(path) (from \(origin.englishPath)): \(version)source_digest: \(origin.englishDigest)")
            }
        }
        Output.line("")
    }

    /// The Code's length against its target: a guide, so over it is said, not failed.
    private func printLength(_ length: CodeLength) {
        func over(_ count: Int) -> String {
            count > CodeLength.target ? "\(grouped(count - CodeLength.target)) over" : ""
        }
        Output.line("Length (words a reader sees: the body, without front matter, addresses or {{values}}, nor the list of sources)")
        let sharedOver = over(length.shared)
        Output.line("  Code of Conduct: \(grouped(length.shared)) words (target: at most \(grouped(CodeLength.target))"
                    + (sharedOver.isEmpty ? ")" : "; \(sharedOver))"))
        let counts = length.schools.values.sorted()
        if let shortest = counts.first, let longest = counts.last {
            let range = shortest == longest ? grouped(shortest) : "\(grouped(shortest)) to \(grouped(longest))"
            let schools = counts.count == 1 ? "1 school" : "\(counts.count) schools"
            Output.line("  With each school's own sections: \(range) words (\(schools))")
            for (slug, count) in length.schools.sorted(by: { $0.key < $1.key }) where count > CodeLength.target {
                Output.line("    \(slug): \(grouped(count)) words (\(over(count)))")
            }
        }
        Output.line("")
    }

    /// Documents the Code has moved on from, and how to bring each up to date; a guide,
    /// so it does not fail the check.
    private func printOutOfDate(_ documents: [OutOfDateDocument]) {
        guard !documents.isEmpty else { return }
        Output.line("Out of date (written from an earlier version of the Code)")
        for document in documents {
            Output.line("  \(document.path) was written from version \(document.writtenFrom) of the Code, "
                        + "which is now version \(document.codeVersion)")
            Output.line("    to fix: bring it up to date with the Code's changes since version \(document.writtenFrom), "
                        + "then set code_version: \"\(document.codeVersion)\" in its front matter")
        }
        Output.line("")
    }

    /// What each school has still to confirm; `conduct publish` refuses these.
    private func printUnconfirmed(_ schools: [SchoolUnconfirmedValues]) {
        guard !schools.isEmpty else { return }
        Output.line("Values still to be confirmed (unverified: in school.yml; conduct publish refuses them without --allow-unverified)")
        var rows = [["school", "key", "value"]]
        for school in schools {
            rows += school.values.map { [school.slug, $0.key, $0.value ?? "(not set)"] }
        }
        printTable(rows)
        Output.line("")
    }

    /// 3,105: thousands separated by commas, whatever the machine's locale.
    private func grouped(_ number: Int) -> String {
        let digits = String(number)
        return digits.enumerated().map { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : "\(digit)"
        }.joined()
    }

    /// Columns padded to their widest cell, with the first row as a header.
    private func printTable(_ rows: [[String]], rightAligned: Set<Int> = []) {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return rightAligned.contains(column) ? padding + text : text + padding
            }
            Output.line("  " + cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
    }
}
