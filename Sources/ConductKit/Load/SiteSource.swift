import Foundation

/// The site as read from disk: text and data with locations, not yet checked for
/// meaning. `validate` turns it into a `Site`.
public struct SiteSource: Sendable {
    public var root: URL
    var settings: SettingsSource?
    var campaign: CampaignSource?
    /// `Content/sources.yml`; nil when the site has none.
    var sources: SourcesSource?
    /// `Content/strings/<language>.yml`, one for each language.
    var strings: [StringsSource]
    var documents: [DocumentKind: DocumentSource]
    /// `Content/translations/<tag>/<file>`, by tag folder then file name.
    var translations: [TranslationSource]
    /// `Content/icons/*.svg`, the Easy Read's pictures.
    var icons: [IconSource]
    var templates: [String: TemplateSource]
    var assets: [Asset]
    public var schools: [SchoolSource]
    /// Schools not read again because an earlier build checked them as they are now
    /// (see `BuildRecord.CheckedSchool`): only their lines of the directory.
    var checkedEarlier: [SchoolListing] = []
    /// Problems found while reading: missing files, YAML syntax, unknown keys, types.
    public var diagnostics: [Diagnostic]
}

struct SettingsSource: Sendable {
    var path: String
    var association: Located<String>?
    var defaultBasePath: Located<String>?
    var defaultBrandColour: Located<String>?
    var expectations: [(text: Located<String>, section: Located<String>)]
}

struct CampaignSource: Sendable {
    struct Week: Sendable {
        var name: Located<String>?
        var starts: Located<String>?
        var ends: Located<String>?
        var theme: Located<String>?
        var location: SourceLocation
    }

    var path: String
    var launch: Located<String>?
    var banner: Located<String>?
    var weeks: [Week]
}

/// `Content/sources.yml`, the register of sources, as read.
struct SourcesSource: Sendable {
    struct Entry: Sendable {
        var fact: Located<String>?
        var source: Located<String>?
        var checked: Located<String>?
        var phones: [Located<String>]
        var links: [Located<String>]
    }

    static let path = "Content/sources.yml"

    var entries: [Entry]
}

/// A language's interface text as read; a key is missing when it was absent or wrong
/// (reported already).
struct StringsSource: Sendable {
    static let folder = "Content/strings"

    /// The file's name without `.yml`: a BCP 47 tag such as `en-GB` or `pl`.
    var language: String
    var path: String
    var texts: [InterfaceText.Key: Located<String>]
}

struct DocumentSource: Sendable {
    var kind: DocumentKind
    var path: String
    var metadata: [String: Located<String>]
    var replaceable: [Located<String>]
    /// The letter's `in_brief:` sentences.
    var inBrief: [Located<String>]
    var body: String
    var bodyFirstLine: Int
    /// `sha256:` and the SHA-256 of the file's bytes, which a translation names as the
    /// English it was made from.
    var digest: String
}

/// A translation of a shared document, as read (`Content/translations/<tag>/<file>`).
struct TranslationSource: Sendable {
    var language: LanguageTag
    var kind: DocumentKind
    var path: String
    /// `title`, `summary`, `source_version`, `source_digest`, `reviewed_by` (which may be
    /// empty: a draft), when given.
    var metadata: [String: Located<String>]
    var inBrief: [Located<String>]
    /// Where a missing key is reported: the start of the front matter.
    var frontMatterLocation: SourceLocation
    var body: String
    var bodyFirstLine: Int

    static let folder = "Content/translations"

    /// What it was translated from against the English as it is now; nil without a
    /// `source_digest`.
    func origin(english: DocumentSource) -> TranslationOrigin? {
        guard let digest = metadata["source_digest"] else { return nil }
        return TranslationOrigin(version: metadata["source_version"]?.value, digest: digest.value, englishPath: english.path,
                                 englishVersion: english.metadata["version"]?.value, englishDigest: english.digest)
    }
}

struct IconSource: Sendable {
    /// The file name without `.svg`.
    var name: String
    var path: String
    var data: Data
}

struct TemplateSource: Sendable {
    var name: String
    var path: String
    var text: String
}

public struct SchoolSource: Sendable {
    public var folder: String
    var path: String
    var fields: [String: Located<String>]
    var unverified: [Located<String>]
    var sections: [SectionSource]
    var templates: [String: TemplateSource]
    /// The bytes of the logo that school.yml names, when it could be read.
    var logo: Data?

    public var slug: String { fields["slug"]?.value ?? folder }
    public var name: String { fields["name"]?.value ?? folder }
    public var town: String? { fields["town"]?.value }
    public var type: String? { fields["type"]?.value }

    /// Each key listed under `unverified:`, with its value as school.yml gives it.
    public var unconfirmedValues: [UnconfirmedValue] {
        unverified.map { UnconfirmedValue(key: $0.value, value: fields[$0.value]?.value, location: $0.location) }
    }
}

struct SectionSource: Sendable {
    var path: String
    var location: SourceLocation
    var document: Located<String>?
    var placements: [(key: String, target: Located<String>)]
    /// `publish_from`, `publish_until` and `draft`, when given.
    var window: [String: Located<String>]
    var body: String
    var bodyFirstLine: Int
}

/// The keys each YAML file may have; anything else is reported as a typo.
enum Schema {
    static let settings = ["association", "default_base_path", "default_brand_colour", "expectations"]
    static let settingsRequired = ["association", "default_base_path", "default_brand_colour", "expectations"]
    static let expectation = ["text", "section"]
    static let campaign = ["launch", "banner", "weeks"]
    static let campaignWeek = ["name", "starts", "ends", "theme"]
    static let campaignWeekRequired = ["name", "starts", "ends"]
    static let publishWindow = ["publish_from", "publish_until", "draft"]
    static let document = ["title", "summary", "version", "code_version", "approved_by", "effective", "next_review",
                           "replaceable", "in_brief"] + publishWindow
    /// Front matter keys that hold lists rather than single values.
    static let documentLists = ["replaceable", "in_brief"]
    static let school = ["slug", "name", "short_name", "town", "type", "website", "complaints_url", "base_url",
                         "brand_colour", "logo", "unverified"]
    static let schoolRequired = ["slug", "name", "town", "website"]
    static let schoolText = ["slug", "name", "short_name", "town", "type", "website", "complaints_url", "base_url",
                             "brand_colour", "logo"]
    static let sources = ["sources"]
    static let sourceEntry = ["fact", "source", "checked", "phones", "links"]
    static let sourceEntryRequired = ["fact", "source", "checked"]
    static let section = ["document", "after", "before", "replace"] + publishWindow
    /// A translation's front matter. `source_version` is required when the English
    /// document has a version (the Code; the letter has none), which the validator knows.
    static func translation(of kind: DocumentKind) -> [String] {
        ["title", "summary"] + (kind == .letter ? ["in_brief"] : []) + ["source_version", "source_digest", "reviewed_by"]
    }
    static let translationRequired = ["title", "summary", "source_digest", "reviewed_by"]
}
