import Foundation

/// The starting `school.yml` for `conduct new-school`.
public struct SchoolScaffold: Sendable {
    public var slug: String
    public var name: String
    public var town: String
    public var website: String

    public init(slug: String, name: String, town: String, website: String) {
        self.slug = slug
        self.name = name
        self.town = town
        self.website = website
    }

    /// Keys left for the school to fill in, printed after scaffolding.
    public static let toFillIn = [
        "short_name: the name parents use day to day (defaults to the full name)",
        "type: e.g. \"Academy, ages 11 to 16\"",
        "base_url: where the pages will live on the school's website",
        "brand_colour: the school's colour as #rrggbb; white text on it needs 4.5:1 contrast",
        "logo: a logo file placed next to school.yml (SVG, PNG, JPEG or WebP)",
        "sections/*.md: the school's own sections (see README)",
    ]

    public var yaml: String {
        """
        # \(name): created by `conduct new-school`. See README.md, "Add a school".
        slug: \(slug)
        name: \(quoted(name))
        town: \(quoted(town))
        website: \(quoted(website))
        # Optional; remove the # to use them.
        # short_name: ""
        # type: ""
        # complaints_url: ""   (the school's complaints procedure page; else list it under unverified)
        # base_url: \(website.hasSuffix("/") ? website : website + "/")social-media-code-of-conduct/
        # brand_colour: "#1f4e79"
        # logo: logo.svg
        # Keys whose values still need confirming:
        unverified: []

        """
    }

    /// Double-quoted YAML, so names with colons or apostrophes stay one value.
    private func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    public enum Failure: Error, Sendable {
        /// The slug cannot name a school (`School.slugProblem`).
        case badSlug(Diagnostic.Reason)
        case exists
        /// The school as it would be written has problems, located in the school.yml
        /// it would write.
        case invalidSchool([Diagnostic])
        /// Writing failed; what had been made was removed.
        case writeFailed(String)
    }

    /// Checks the new school as a build would, with the rest of the site under `root`,
    /// then writes `Schools/<slug>/school.yml` and an empty `sections/`. When anything
    /// fails nothing is left behind: a school folder that a later build would trip on
    /// is worse than none.
    public func create(root: URL) throws(Failure) -> URL {
        if let problem = School.slugProblem(slug) { throw .badSlug(problem) }
        let yamlPath = "Schools/\(slug)/school.yml"
        // Each value is one line of the file (and of its first comment): a line break
        // would end it there and make the rest a key of its own ("\nbase_url: …").
        let lineBreaks = [("name", name, 3), ("town", town, 4), ("website", website, 5)].compactMap { key, value, line in
            value.unicodeScalars.first { $0 == "\n" || $0 == "\r" || $0 == "\t" || ControlCharacters.contains($0) }.map {
                Diagnostic(.controlCharacter(key: key, code: $0.value), at: SourceLocation(path: yamlPath, line: line, column: key.count + 3))
            }
        }
        guard lineBreaks.isEmpty else { throw .invalidSchool(lineBreaks) }
        let folder = root.appendingPathComponent("Schools/\(slug)")
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.path) || (try? fileManager.destinationOfSymbolicLink(atPath: folder.path)) != nil {
            throw .exists
        }
        let tree = SourceTree.read(root: root).adding(Data(yaml.utf8), at: yamlPath)
        let (_, diagnostics) = SiteValidator.validate(SiteLoader.load(root: root, tree: tree), schools: [slug])
        let own = diagnostics.filter { $0.location.path.hasPrefix("Schools/\(slug)/") }
        guard own.isEmpty else { throw .invalidSchool(own) }

        let schools = root.appendingPathComponent("Schools")
        let madeSchools = !fileManager.fileExists(atPath: schools.path)
        do {
            try fileManager.createDirectory(at: schools, withIntermediateDirectories: true)
            // Not intermediate: fails if another process made the folder meanwhile.
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            if madeSchools { try? fileManager.removeItem(at: schools) }
            throw .writeFailed((error as NSError).localizedDescription)
        }
        let file = folder.appendingPathComponent("school.yml")
        do {
            try fileManager.createDirectory(at: folder.appendingPathComponent("sections"), withIntermediateDirectories: false)
            try Data(yaml.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            try? fileManager.removeItem(at: madeSchools ? schools : folder)
            throw .writeFailed((error as NSError).localizedDescription)
        }
        return file
    }
}
