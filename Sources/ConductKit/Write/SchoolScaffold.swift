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

    /// Writes `Schools/<slug>/school.yml` under `root`, never over an existing school.
    public func write(root: URL) throws -> URL {
        let folder = root.appendingPathComponent("Schools/\(slug)")
        let file = folder.appendingPathComponent("school.yml")
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: folder.path])
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sections"), withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: file, options: .withoutOverwriting)
        return file
    }
}
