import Foundation

/// Refuses a phone number or an address of someone else's that the content writes but
/// the register of sources (`Content/sources.yml`) does not list, so that no number or
/// link reaches parents unchecked. Works on the site's source files, so each problem is
/// reported where it can be fixed: the Markdown file, line and column.
///
/// Scanned: the shared documents (their front matter and the letter's `in_brief:`), the
/// campaign banner, weeks and themes, the association's name, the expectations and the
/// register's own facts, the words of the pages (`Content/strings/`), each
/// school's `school.yml`, sections and templates, and the shared templates and stylesheets.
/// A school's own addresses (under its `website`, `base_url` or `complaints_url`, or given
/// as `{{school.website}}`) are its school.yml's business, not the register's.
public enum SourceRegisterCheck {
    /// - Parameter schools: the slugs whose sections and templates to scan; empty for all.
    public static func check(_ source: SiteSource, schools: [String] = []) -> [Diagnostic] {
        var registerProblems = source.diagnostics.filter { $0.location.path == SourcesSource.path }
        guard let register = SourceRegisterValidator.validate(source.sources, diagnostics: &registerProblems),
              registerProblems.isEmpty else { return registerProblems.sortedByLocation() }

        var scan = Scan(register: register)
        for kind in PageKind.documents(checked: .sourceRegister) {
            guard let document = source.documents[kind] else { continue }
            scan.text(document.body, firstLine: document.bodyFirstLine, path: document.path)
            document.metadata.values.forEach { scan.value($0) }
            document.inBrief.forEach { scan.value($0) }
        }
        if let campaign = source.campaign {
            let values = [campaign.banner] + campaign.weeks.flatMap { [$0.name, $0.theme] }
            values.compactMap { $0 }.forEach { scan.value($0) }
        }
        if let association = source.settings?.association { scan.value(association) }
        // The facts are shown to parents too, under "Where this information comes from".
        source.sources?.entries.compactMap(\.fact).forEach { scan.value($0) }
        source.settings?.expectations.forEach { scan.value($0.text) }
        // The words of the pages, in every language.
        for strings in source.strings {
            strings.texts.values.sorted { $0.location < $1.location }.forEach { scan.value($0) }
        }
        for template in source.templates.values {
            scan.template(template)
        }
        // A stylesheet's url(…) loads from another site on every page.
        for asset in source.assets where asset.name.lowercased().hasSuffix(".css") {
            scan.stylesheet(String(decoding: asset.contents, as: UTF8.self), path: "Templates/assets/\(asset.name)")
        }
        for school in source.schools where schools.isEmpty || schools.contains(school.folder) {
            var schoolScan = scan
            schoolScan.ownAddresses = ["website", "base_url", "complaints_url"].compactMap { school.fields[$0]?.value }
            // The name, town and type are shown on every page; the addresses are the school's own.
            school.fields.values.forEach { schoolScan.value($0) }
            for section in school.sections {
                schoolScan.text(section.body, firstLine: section.bodyFirstLine, path: section.path)
            }
            school.templates.values.forEach { schoolScan.template($0) }
            scan.problems = schoolScan.problems
        }
        return scan.problems.sortedByLocation()
    }

    private struct Scan {
        let register: SourceRegister
        /// Addresses of the school whose files are being scanned.
        var ownAddresses: [String] = []
        var problems: [Diagnostic] = []

        init(register: SourceRegister) {
            self.register = register
        }

        mutating func text(_ text: String, firstLine: Int, path: String) {
            for reference in ContactScanner.references(in: text, firstLine: firstLine) {
                check(reference, at: SourceLocation(path: path, line: reference.line, column: reference.column))
            }
        }

        /// A single YAML value, whose columns start where the value does.
        mutating func value(_ value: Located<String>) {
            for reference in ContactScanner.references(in: value.value) {
                check(reference, at: SourceLocation(path: value.location.path, line: value.location.line + reference.line - 1,
                                                    column: reference.line == 1
                                                        ? value.location.column + reference.column - 1 : reference.column))
            }
        }

        mutating func template(_ template: TemplateSource) {
            for reference in ContactScanner.references(in: template.text) {
                check(reference, at: SourceLocation(path: template.path, line: reference.line, column: reference.column))
            }
        }

        /// Only addresses: a stylesheet's numbers are sizes and colours.
        mutating func stylesheet(_ text: String, path: String) {
            for reference in ContactScanner.references(in: text) where reference.kind == .link {
                check(reference, at: SourceLocation(path: path, line: reference.line, column: reference.column))
            }
        }

        private mutating func check(_ reference: ContactReference, at location: SourceLocation) {
            switch reference.kind {
            case .phone:
                if !register.lists(phone: reference.text) {
                    problems.append(Diagnostic(.unregisteredPhone(reference.text), at: location))
                }
            case .link:
                let own = ownAddresses.contains { WebAddress.isUnder(reference.text, base: $0) }
                if !own && !register.lists(link: reference.text) {
                    problems.append(Diagnostic(.unregisteredLink(reference.text), at: location))
                }
            }
        }
    }
}
