import Crypto
import Foundation

/// Stage 1: reads `Content/`, `Templates/` and `Schools/` into a `SiteSource`.
/// It reads and never writes.
public enum SiteLoader {
    public static func load(root: URL) -> SiteSource {
        load(root: root, tree: SourceTree.read(root: root))
    }

    /// Parses files already read, so that a build can read and digest them first.
    ///
    /// - Parameter skipping: schools an earlier build found without a problem in the
    ///   state they are in now, by folder: their files are neither parsed nor reported.
    static func load(root: URL, tree: SourceTree, skipping: [SchoolListing] = []) -> SiteSource {
        var reader = FileReader(tree: tree, skipping: Set(skipping.map { "Schools/\($0.slug)" }))
        let settings = loadSettings(&reader)
        let campaign = loadCampaign(&reader)
        let sources = loadSources(&reader)
        let strings = loadStrings(&reader)
        var documents: [DocumentKind: DocumentSource] = [:]
        for kind in DocumentKind.allCases {
            documents[kind] = loadDocument(kind, &reader)
        }
        let translations = loadTranslations(english: documents, &reader)
        let icons = reader.files(in: IconCheck.folder, withExtension: "svg").map {
            IconSource(name: String($0.name.dropLast(".svg".count)), path: "\(IconCheck.folder)/\($0.name)", data: $0.data)
        }
        let templates = reader.templates(in: "Templates")
        let assets = reader.files(in: "Templates/assets").map { Asset(name: $0.name, contents: $0.data) }
        let skipped = Set(skipping.map(\.slug))
        let schools = reader.folders(in: "Schools").filter { !skipped.contains($0) }.map { loadSchool(folder: $0, &reader) }
        reader.reportUnused()
        return SiteSource(root: root, settings: settings, campaign: campaign, sources: sources, strings: strings, documents: documents,
                          translations: translations, icons: icons, templates: templates, assets: assets,
                          schools: schools, checkedEarlier: skipping, diagnostics: reader.diagnostics)
    }

    private static func loadSettings(_ reader: inout FileReader) -> SettingsSource? {
        let path = "Content/site.yml"
        guard let text = reader.text(path, purpose: "\(path), the consortium's settings") else { return nil }
        guard let yaml = YAMLMapping.parse(text, path: path, what: "site.yml", diagnostics: &reader.diagnostics) else {
            return nil
        }
        yaml.checkKeys(allowed: Schema.settings, required: Schema.settingsRequired, diagnostics: &reader.diagnostics)
        let expectations = yaml.mappings("expectations", diagnostics: &reader.diagnostics).compactMap {
            item -> (text: Located<String>, section: Located<String>)? in
            item.checkKeys(allowed: Schema.expectation, required: Schema.expectation, diagnostics: &reader.diagnostics)
            guard let text = item.string("text", locatingText: true, diagnostics: &reader.diagnostics),
                  let section = item.string("section", diagnostics: &reader.diagnostics) else { return nil }
            return (text: text, section: section)
        }
        return SettingsSource(
            path: path,
            association: yaml.string("association", diagnostics: &reader.diagnostics),
            defaultBasePath: yaml.string("default_base_path", diagnostics: &reader.diagnostics),
            defaultBrandColour: yaml.string("default_brand_colour", diagnostics: &reader.diagnostics),
            expectations: expectations
        )
    }

    private static func loadCampaign(_ reader: inout FileReader) -> CampaignSource? {
        let path = "Content/campaign.yml"
        guard let text = reader.text(path, purpose: "\(path), the Anti-Bullying Week dates and banner") else { return nil }
        guard let yaml = YAMLMapping.parse(text, path: path, what: "campaign.yml", diagnostics: &reader.diagnostics) else {
            return nil
        }
        yaml.checkKeys(allowed: Schema.campaign, required: Schema.campaign, diagnostics: &reader.diagnostics)
        let weeks = yaml.mappings("weeks", diagnostics: &reader.diagnostics).map { week in
            week.checkKeys(allowed: Schema.campaignWeek, required: Schema.campaignWeekRequired, diagnostics: &reader.diagnostics)
            return CampaignSource.Week(name: week.string("name", diagnostics: &reader.diagnostics),
                                       starts: week.string("starts", diagnostics: &reader.diagnostics),
                                       ends: week.string("ends", diagnostics: &reader.diagnostics),
                                       theme: week.string("theme", diagnostics: &reader.diagnostics),
                                       location: week.location)
        }
        return CampaignSource(path: path, launch: yaml.string("launch", diagnostics: &reader.diagnostics),
                              banner: yaml.string("banner", locatingText: true, diagnostics: &reader.diagnostics), weeks: weeks)
    }

    /// The register of sources is optional: a site without one has no phone numbers or
    /// addresses of others to show (`conduct check` says so if it does).
    private static func loadSources(_ reader: inout FileReader) -> SourcesSource? {
        let path = SourcesSource.path
        guard let text = reader.optionalText(path),
              let yaml = YAMLMapping.parse(text, path: path, what: "sources.yml", diagnostics: &reader.diagnostics) else {
            return nil
        }
        yaml.checkKeys(allowed: Schema.sources, required: Schema.sources, diagnostics: &reader.diagnostics)
        let entries = yaml.mappings("sources", diagnostics: &reader.diagnostics).map { entry in
            entry.checkKeys(allowed: Schema.sourceEntry, required: Schema.sourceEntryRequired, diagnostics: &reader.diagnostics)
            return SourcesSource.Entry(fact: entry.string("fact", diagnostics: &reader.diagnostics),
                                       source: entry.string("source", diagnostics: &reader.diagnostics),
                                       checked: entry.string("checked", diagnostics: &reader.diagnostics),
                                       phones: entry.strings("phones", diagnostics: &reader.diagnostics),
                                       links: entry.strings("links", diagnostics: &reader.diagnostics))
        }
        return SourcesSource(entries: entries)
    }

    /// Every `Content/strings/<language>.yml`; English must be there.
    private static func loadStrings(_ reader: inout FileReader) -> [StringsSource] {
        let folder = StringsSource.folder
        let files = reader.files(in: folder, withExtension: "yml")
        let main = "\(InterfaceText.mainLanguage).yml"
        if !files.contains(where: { $0.name == main }) {
            reader.diagnostics.append(Diagnostic(.missingFile(purpose: "\(folder)/\(main), the words of the pages in English"),
                                                 at: SourceLocation(path: "\(folder)/\(main)")))
        }
        let keys = InterfaceText.Key.allCases.map(\.rawValue)
        return files.compactMap { file in
            let path = "\(folder)/\(file.name)"
            guard let text = reader.decode(file.data, path: path),
                  let yaml = YAMLMapping.parse(text, path: path, what: file.name, diagnostics: &reader.diagnostics) else {
                return nil
            }
            yaml.checkKeys(allowed: keys, required: keys, diagnostics: &reader.diagnostics)
            var texts: [InterfaceText.Key: Located<String>] = [:]
            for key in InterfaceText.Key.allCases {
                texts[key] = yaml.string(key.rawValue, locatingText: true, diagnostics: &reader.diagnostics)
            }
            return StringsSource(language: String(file.name.dropLast(".yml".count)), path: path, texts: texts)
        }
    }

    private static func loadDocument(_ kind: DocumentKind, _ reader: inout FileReader) -> DocumentSource? {
        let path = kind.path
        let text = kind.isOptional ? reader.optionalText(path) : reader.text(path, purpose: "\(path), the shared \(kind.rawValue) document")
        guard let text else { return nil }
        guard let split = FrontMatter.split(text, path: path, diagnostics: &reader.diagnostics) else { return nil }
        var metadata: [String: Located<String>] = [:]
        var replaceable: [Located<String>] = []
        var inBrief: [Located<String>] = []
        if let yaml = YAMLMapping.parse(split.yaml, path: path, lineOffset: split.yamlLineOffset,
                                        what: "front matter", diagnostics: &reader.diagnostics) {
            yaml.checkKeys(allowed: Schema.document, required: kind.requiredMetadata, diagnostics: &reader.diagnostics)
            for key in Schema.document where !Schema.documentLists.contains(key) {
                metadata[key] = yaml.string(key, diagnostics: &reader.diagnostics)
            }
            replaceable = yaml.strings("replaceable", diagnostics: &reader.diagnostics)
            inBrief = yaml.strings("in_brief", locatingText: true, diagnostics: &reader.diagnostics)
        }
        return DocumentSource(kind: kind, path: path, metadata: metadata, replaceable: replaceable, inBrief: inBrief,
                              body: split.body, bodyFirstLine: split.bodyFirstLine,
                              digest: TranslationOrigin.digestPrefix + reader.sha256(of: path))
    }

    /// Each folder of `Content/translations/` is a language, named by its tag; each
    /// Markdown file in it translates the shared document of the same file name.
    private static func loadTranslations(english: [DocumentKind: DocumentSource], _ reader: inout FileReader) -> [TranslationSource] {
        let known = DocumentKind.allCases.map(\.fileName)
        var translations: [TranslationSource] = []
        for folder in reader.folders(in: TranslationSource.folder) {
            let files = reader.files(in: "\(TranslationSource.folder)/\(folder)", withExtension: "md")
            guard let language = LanguageTag(folder) else {
                // Its files are not read: every page of the language would carry a wrong tag.
                reader.diagnostics.append(Diagnostic(.invalidLanguageTag(folder, suggestion: LanguageTag(anyCase: folder)?.description),
                                                     at: SourceLocation(path: "\(TranslationSource.folder)/\(folder)")))
                continue
            }
            guard language.description != InterfaceText.mainLanguage else {
                reader.diagnostics.append(Diagnostic(.translationIntoMainLanguage(folder),
                                                     at: SourceLocation(path: "\(TranslationSource.folder)/\(folder)")))
                continue
            }
            for file in files {
                let path = "\(TranslationSource.folder)/\(folder)/\(file.name)"
                guard let kind = DocumentKind.allCases.first(where: { $0.fileName == file.name }) else {
                    reader.diagnostics.append(Diagnostic(.unknownTranslatedDocument(file.name, known: known),
                                                         at: SourceLocation(path: path)))
                    continue
                }
                // The English version it follows, when the English has one (the Code). A
                // version named for English that has none (the letter) would mark the
                // translation out of date for ever.
                let versioned = english[kind]?.metadata["version"] != nil
                if let translation = loadTranslation(kind, language: language, path: path, data: file.data,
                                                     requiringVersion: versioned, allowingVersion: versioned || english[kind] == nil,
                                                     &reader) {
                    translations.append(translation)
                }
            }
        }
        return translations
    }

    private static func loadTranslation(_ kind: DocumentKind, language: LanguageTag, path: String, data: Data,
                                        requiringVersion: Bool, allowingVersion: Bool, _ reader: inout FileReader) -> TranslationSource? {
        guard let text = reader.decode(data, path: path),
              let split = FrontMatter.split(text, path: path, diagnostics: &reader.diagnostics),
              let yaml = YAMLMapping.parse(split.yaml, path: path, lineOffset: split.yamlLineOffset,
                                           what: "front matter", diagnostics: &reader.diagnostics) else { return nil }
        yaml.checkKeys(allowed: Schema.translation(of: kind).filter { allowingVersion || $0 != "source_version" },
                       required: Schema.translationRequired + (requiringVersion ? ["source_version"] : []),
                       diagnostics: &reader.diagnostics)
        var metadata: [String: Located<String>] = [:]
        for key in Schema.translation(of: kind) where key != "in_brief" {
            metadata[key] = yaml.string(key, allowingEmpty: key == "reviewed_by", diagnostics: &reader.diagnostics)
        }
        // Only the letter has `in_brief`; on the Code it is an unknown key.
        let inBrief = kind == .letter ? yaml.strings("in_brief", locatingText: true, diagnostics: &reader.diagnostics) : []
        return TranslationSource(language: language, kind: kind, path: path, metadata: metadata, inBrief: inBrief,
                                 frontMatterLocation: yaml.location, body: split.body, bodyFirstLine: split.bodyFirstLine)
    }

    private static func loadSchool(folder: String, _ reader: inout FileReader) -> SchoolSource {
        let base = "Schools/\(folder)"
        let path = "\(base)/school.yml"
        var fields: [String: Located<String>] = [:]
        var unverified: [Located<String>] = []
        let problemsBefore = reader.diagnostics.count
        if let text = reader.text(path, purpose: "\(path), the school's details"),
           let yaml = YAMLMapping.parse(text, path: path, what: "school.yml", diagnostics: &reader.diagnostics) {
            yaml.checkKeys(allowed: Schema.school, required: Schema.schoolRequired, diagnostics: &reader.diagnostics)
            for key in Schema.schoolText {
                fields[key] = yaml.string(key, diagnostics: &reader.diagnostics)
            }
            unverified = yaml.strings("unverified", diagnostics: &reader.diagnostics)
        }
        let sections = reader.files(in: "\(base)/sections", withExtension: "md").compactMap { file in
            loadSection(path: "\(base)/sections/\(file.name)", data: file.data, &reader)
        }
        if fields["logo"] == nil, reader.diagnostics[problemsBefore...].contains(where: { $0.location.path == path }) {
            // school.yml has errors, so the logo it names may be unknown: any image here
            // may be it, and reporting it as unused would only mislead.
            reader.markImagesUsed(in: base)
        }
        let logo = fields["logo"].flatMap { reader.logo($0, in: base) }
        return SchoolSource(folder: folder, path: path, fields: fields, unverified: unverified, sections: sections,
                            templates: reader.templates(in: "\(base)/templates"), logo: logo)
    }

    private static func loadSection(path: String, data: Data, _ reader: inout FileReader) -> SectionSource? {
        guard let text = reader.decode(data, path: path) else { return nil }
        guard let split = FrontMatter.split(text, path: path, diagnostics: &reader.diagnostics) else { return nil }
        // Front matter that cannot be read says nothing about where the section goes,
        // and a second error saying so would only mislead.
        guard let yaml = YAMLMapping.parse(split.yaml, path: path, lineOffset: split.yamlLineOffset,
                                           what: "front matter", diagnostics: &reader.diagnostics) else { return nil }
        yaml.checkKeys(allowed: Schema.section, required: [], diagnostics: &reader.diagnostics)
        let document = yaml.string("document", diagnostics: &reader.diagnostics)
        var placements: [(String, Located<String>)] = []
        for key in ["after", "before", "replace"] {
            if let target = yaml.string(key, diagnostics: &reader.diagnostics) { placements.append((key, target)) }
        }
        var window: [String: Located<String>] = [:]
        for key in Schema.publishWindow {
            window[key] = yaml.string(key, diagnostics: &reader.diagnostics)
        }
        return SectionSource(path: path, location: SourceLocation(path: path), document: document,
                             placements: placements, window: window, body: split.body, bodyFirstLine: split.bodyFirstLine)
    }
}

/// Serves files of the `SourceTree` by their path from the root, recording anything
/// missing or unreadable, and every path served, so that what the site does not use
/// is reported rather than dropped without a word.
private struct FileReader {
    let tree: SourceTree
    var diagnostics: [Diagnostic] = []
    private var used: Set<String> = []
    /// School folders (`Schools/<folder>`) whose files are taken as used without reading.
    private let skipped: Set<String>

    init(tree: SourceTree, skipping skipped: Set<String> = []) {
        self.tree = tree
        self.skipped = skipped
    }

    mutating func text(_ path: String, purpose: String) -> String? {
        used.insert(path)
        switch tree.entries[path] {
        case .file(let data)?:
            return decode(data, path: path)
        case .folder?, nil:
            diagnostics.append(Diagnostic(.missingFile(purpose: purpose), at: SourceLocation(path: path)))
        case let entry?:
            report(entry, at: path)
        }
        return nil
    }

    /// The text of a file the site may do without: nil, and no problem, when it is absent.
    mutating func optionalText(_ path: String) -> String? {
        guard tree.entries[path] != nil else { return nil }
        return text(path, purpose: path)
    }

    mutating func decode(_ data: Data, path: String) -> String? {
        guard var text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(.unreadableFile(problem: "it is not UTF-8 text"), at: SourceLocation(path: path)))
            return nil
        }
        // Editors on Windows may start a file with a byte order mark; it is not text.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Windows line endings would otherwise end up inside values and HTML.
        if data.contains(UInt8(ascii: "\r")) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        // Markdown and templates go into pages and letter.txt as they are, so a pasted
        // escape character (or a lone carriage return) is refused where it is.
        if let control = Self.firstControlCharacter(in: text) {
            diagnostics.append(Diagnostic(.controlCharacterInFile(code: control.code),
                                          at: SourceLocation(path: path, line: control.line, column: control.column)))
            return nil
        }
        return text
    }

    private static func firstControlCharacter(in text: String) -> (code: UInt32, line: Int, column: Int)? {
        var line = 1
        var lineStart = text.unicodeScalars.startIndex
        var index = lineStart
        while index < text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            let next = text.unicodeScalars.index(after: index)
            if scalar == "\n" {
                line += 1
                lineStart = next
            } else if ControlCharacters.contains(scalar) {
                return (scalar.value, line, text[lineStart..<index].count + 1)
            }
            index = next
        }
        return nil
    }

    /// The hexadecimal SHA-256 of a file's bytes as read (of nothing when it was not read).
    func sha256(of path: String) -> String {
        guard case .file(let data)? = tree.entries[path] else { return Hex.string(SHA256.hash(data: Data())) }
        return Hex.string(SHA256.hash(data: data))
    }

    /// Sub-folders of `path`, sorted; none when it does not exist.
    mutating func folders(in path: String) -> [String] {
        if tree.isFolder(path) { used.insert(path) }
        let folders = tree.names(in: path).filter { tree.isFolder("\(path)/\($0)") }
        folders.forEach { used.insert("\(path)/\($0)") }
        return folders
    }

    /// Every regular file below `path` (recursively), with names relative to it, sorted.
    mutating func files(in path: String, withExtension pathExtension: String? = nil) -> [(name: String, data: Data)] {
        // Anything but a folder here (a link, say) is reported by `reportUnused`.
        if tree.isFolder(path) { used.insert(path) }
        var found: [(String, Data)] = []
        for name in tree.names(in: path) {
            let entryPath = "\(path)/\(name)"
            switch tree.entries[entryPath] {
            case .folder?:
                guard pathExtension == nil else { continue }
                found += files(in: entryPath).map { ("\(name)/\($0.name)", $0.data) }
            case .file(let data)?:
                if let pathExtension, (name as NSString).pathExtension != pathExtension { continue }
                used.insert(entryPath)
                found.append((name, data))
            default:
                // Reported by `reportUnused`, with the reason it was not read.
                continue
            }
        }
        return found
    }

    /// Mustache templates below `path`, named by their path without `.mustache`
    /// (`partials/head`).
    mutating func templates(in path: String) -> [String: TemplateSource] {
        var templates: [String: TemplateSource] = [:]
        for file in files(in: path) where file.name.hasSuffix(".mustache") {
            let filePath = "\(path)/\(file.name)"
            guard let text = decode(file.data, path: filePath) else { continue }
            let name = String(file.name.dropLast(".mustache".count))
            templates[name] = TemplateSource(name: name, path: filePath, text: text)
        }
        return templates
    }

    /// The logo file that school.yml names, next to it. Problems are reported at the
    /// `logo:` line; an unsupported kind of file is left to the validator.
    mutating func logo(_ name: Located<String>, in folder: String) -> Data? {
        let path = "\(folder)/\(name.value)"
        guard !name.value.contains("/"), name.value != "school.yml" else {
            diagnostics.append(Diagnostic(.missingLogo(name.value), at: name.location))
            return nil
        }
        used.insert(path)
        switch tree.entries[path] {
        case .file(let data)?:
            return data
        case .folder?, nil:
            diagnostics.append(Diagnostic(.missingLogo(name.value), at: name.location))
        case .notRead?:
            break
        case let entry?:
            report(entry, at: path, from: name.location)
        }
        return nil
    }

    mutating func markImagesUsed(in folder: String) {
        for name in tree.names(in: folder)
        where SchoolValidator.logoExtensions.contains((name as NSString).pathExtension.lowercased()) {
            used.insert("\(folder)/\(name)")
        }
    }

    /// Reports a file that could not be read.
    /// - Parameter named: where the file was named, when it was (the `logo:` line).
    private mutating func report(_ entry: SourceTree.Entry, at path: String, from named: SourceLocation? = nil) {
        let location = named ?? SourceLocation(path: path)
        let file = named == nil ? nil : path
        switch entry {
        case .unreadable(let problem):
            diagnostics.append(Diagnostic(.unreadableFile(problem: problem), at: SourceLocation(path: path)))
        case .tooLarge(let size, let limit):
            diagnostics.append(Diagnostic(.fileTooLarge(file, size: SizeLimit.describe(size),
                                                        limit: SizeLimit.describe(limit)), at: location))
        case .symbolicLink:
            diagnostics.append(Diagnostic(.symbolicLink(file), at: location))
        case .special:
            diagnostics.append(Diagnostic(.notARegularFile(file), at: location))
        case .unusableName:
            diagnostics.append(Diagnostic(.unusableName, at: location))
        case .notRead, .file:
            diagnostics.append(Diagnostic(.unusedFile(belongsHere: Self.whatBelongs(in: path)), at: location))
        case .folder:
            break
        }
    }

    /// Reports every entry the site did not use: a file it cannot read (a symbolic
    /// link, a name that is not UTF-8, a file over its size limit) or does not read (a
    /// section not ending in `.md`, a stray file in a school's folder).
    mutating func reportUnused() {
        for (path, entry) in tree.entries.sorted(by: { $0.key < $1.key }) where !used.contains(path) && !isSkipped(path) {
            report(entry, at: path)
        }
    }

    private func isSkipped(_ path: String) -> Bool {
        guard !skipped.isEmpty, path.hasPrefix("Schools/") else { return false }
        let folder = path.split(separator: "/", maxSplits: 2).prefix(2).joined(separator: "/")
        return skipped.contains(folder)
    }

    /// What a folder may hold, for the hint about a file the site does not use.
    private static func whatBelongs(in path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        switch (parts.first, parts.count) {
        case ("Schools", 2):
            return "Schools/ holds one folder for each school"
        case ("Schools", 3):
            return "a school's folder holds school.yml, the logo that school.yml names, sections/ and templates/"
        case ("Schools", _) where parts[2] == "sections":
            return "a school's sections are Markdown files ending in .md, directly in sections/"
        case ("Schools", _) where parts[2] == "templates":
            return "a school's templates end in .mustache, named as in Templates/"
        case ("Content", _) where parts.count > 1 && parts[1] == "translations":
            return "Content/translations/ holds a folder for each language, named by its language tag (such as pl), "
                + "with Markdown files named as the English ones (\(DocumentKind.allCases.map(\.fileName).joined(separator: ", ")))"
        case ("Templates", _):
            return "templates end in .mustache; files the pages load, such as the stylesheet, go in Templates/assets/"
        default:
            return "Content/ holds only the files listed in the README under \"The files you edit\""
        }
    }
}
