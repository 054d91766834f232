import Markdown
import Mustache

// The values each page template sees, as types. Each property's name is the key a
// template writes (`{{school.short_name}}`): that is why they are snake_case. Both
// halves of `Codable` read the keys from the types themselves: `Decodable` lets
// `TemplateKeys` list them, so the validator checks templates against exactly what the
// renderer passes, and `Encodable` reads the values into the dictionaries Mustache
// renders (`TemplateDictionary`). Nothing is ever decoded or stored.

/// Values of a page; the renderer gives one of these to each page template.
protocol TemplateValues: Codable {}

/// A page template and the values the renderer gives it. The renderer can only pair a
/// template with its own type of values, and the validator checks every template
/// listed in `all` against the keys of that type.
struct PageTemplate<Values: TemplateValues>: Sendable {
    let name: String
    /// The ids the template writes itself, so that no heading may take them.
    let ids: [String]
}

extension PageTemplate where Values == HomePage {
    static var home: Self { Self(name: "home", ids: ["main", "expectations-heading"]) }
}

extension PageTemplate where Values == DocumentPage {
    static var document: Self {
        Self(name: "document", ids: ["main", "in-brief", "policy-details", "contents", PageContext.sourcesID])
    }
    /// The Code as one block of HTML, with the logo inside it.
    static var embed: Self { Self(name: "embed", ids: [PageContext.sourcesID]) }
    /// The letter for printing, with the logo inside it and the way to the Code from paper.
    static var letterPrint: Self { Self(name: "letter-print", ids: [PrintedCodeLink.headingID]) }
    /// The Easy Read, with its pictures beside its points.
    static var easyRead: Self { Self(name: "easy-read", ids: ["main"]) }
    /// The Easy Read as one block of HTML, with its pictures inside it.
    static var embedEasyRead: Self { Self(name: "embed-easy-read", ids: []) }
}

extension PageTemplate where Values == PosterPage {
    /// The A5 poster for reception and newsletters, with the logo inside it.
    static var poster: Self { Self(name: "poster", ids: [PrintedCodeLink.headingID]) }
}

extension PageTemplate where Values == NotFoundPage {
    static var notFound: Self { Self(name: "not-found", ids: ["main"]) }
}

extension PageTemplate where Values == ConsortiumPage {
    static var consortium: Self { Self(name: "consortium", ids: ["main", "schools-heading"]) }
}

/// Every page template, with the keys its values have: those of the page kinds and
/// their bundle files (`PageKind.all`), then the consortium's page.
enum PageTemplates {
    struct Entry {
        var name: String
        var keys: TemplateKeys.Shape
        var ids: [String]
    }

    static let all: [Entry] = {
        var entries: [Entry] = []
        for kind in PageKind.all {
            switch kind.layout {
            case .home(let template): entries.append(entry(template))
            case .document(_, let template): entries.append(entry(template))
            case .notFound(let template): entries.append(entry(template))
            }
            for file in kind.bundleFiles {
                switch file.form {
                case .page(let template), .printedPage(let template): entries.append(entry(template))
                case .poster(let template): entries.append(entry(template))
                case .plainText: break
                }
            }
        }
        entries.append(entry(PageTemplate<ConsortiumPage>.consortium))
        var seen: Set<String> = []
        return entries.filter { seen.insert($0.name).inserted }
    }()

    static var names: [String] { all.map(\.name) }

    /// Every id any page template writes itself.
    static var ids: [String] {
        var seen: Set<String> = []
        return all.flatMap(\.ids).filter { seen.insert($0).inserted }
    }

    private static func entry<Values>(_ template: PageTemplate<Values>) -> Entry {
        Entry(name: template.name, keys: TemplateKeys.shape(of: Values.self), ids: template.ids)
    }
}

/// HTML made by cmark, with the school's values escaped inside it, or SVG drawn by the
/// renderer: the only kind of value a template may write unescaped, with `{{{…}}}` or `{{&…}}`.
struct HTMLText: Codable, MustacheCustomRenderable {
    var html: String

    init(_ html: String) {
        self.html = html
    }

    init(from decoder: Decoder) throws {
        html = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }

    var renderText: String { html }
    var isNull: Bool { false }
}

/// The interface text a template reads as `{{{strings.<key>}}}` (`InterfaceText.Key`), in
/// the page's language, with the page's values in its placeholders: HTML, escaped by
/// `InterfaceText.html`, so that the words are written as the strings file has them.
struct PageText: Codable {
    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let keys = InterfaceText.Key.allCases.filter(\.isTemplateText)
    /// The name of the pages' values that hold it.
    static let templateKey = "strings"

    /// By key name, for Mustache.
    fileprivate(set) var texts: [String: HTMLText]

    fileprivate init(texts: [String: HTMLText]) {
        self.texts = texts
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        texts = try Dictionary(uniqueKeysWithValues: Self.keys.map {
            ($0.rawValue, try container.decode(HTMLText.self, forKey: Name(stringValue: $0.rawValue)))
        })
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (key, text) in texts {
            try container.encode(text, forKey: Name(stringValue: key))
        }
    }
}

/// The interface text of one language as `PageText` writes it, prepared once per build:
/// a key without placeholders is escaped once for every page, and a key with them is
/// kept as its escaped words and its placeholders, so that a page only escapes and
/// places its own values (filling every key for every page took a tenth of a build).
struct PageTextTemplate: Sendable {
    private enum Piece: Sendable {
        case html(String)
        case placeholder(name: String, written: String)
    }

    /// The interface text it was prepared from.
    let text: InterfaceText
    /// The keys without placeholders, by name.
    private let fixed: [String: HTMLText]
    /// The keys with placeholders, by name.
    private let filled: [(name: String, pieces: [Piece])]

    init(_ text: InterfaceText) {
        self.text = text
        var fixed: [String: HTMLText] = [:]
        var filled: [(name: String, pieces: [Piece])] = []
        for key in PageText.keys {
            let pieces = InterfaceText.pieces(of: text.text(key)).map { piece -> Piece in
                switch piece {
                case .words(let words): .html(InterfaceText.escapeWords(words))
                case .placeholder(let name, let written): .placeholder(name: name, written: InterfaceText.escapeWords(written))
                }
            }
            var words: [String] = []
            for piece in pieces {
                switch piece {
                case .html(let html): words.append(html)
                case .placeholder: break
                }
            }
            if words.count < pieces.count {
                filled.append((key.rawValue, pieces))
            } else {
                fixed[key.rawValue] = HTMLText(words.joined())
            }
        }
        self.fixed = fixed
        self.filled = filled
    }

    /// Every key's text, with `values` in its placeholders (escaped in full, as Mustache
    /// escapes values); placeholders without a value stay as written.
    func fill(_ values: [String: String]) -> PageText {
        var texts = fixed
        for (name, pieces) in filled {
            var html = ""
            for piece in pieces {
                switch piece {
                case .html(let words): html += words
                case .placeholder(let placeholder, let written): html += values[placeholder].map(HTML.escape) ?? written
                }
            }
            texts[name] = HTMLText(html)
        }
        return PageText(texts: texts)
    }
}

struct PageInfo: Codable {
    var title: String
    var description: String
    /// The relative path from the page to the site's top folder.
    var root: String
    /// The address of the school's home page, from this page.
    var home: String?
    var brand_colour: String
    var has_canonical: Bool
    var canonical: String?
    var is_draft: Bool
    var is_not_found: Bool
    /// The page's language, a BCP 47 tag for `<html lang>`, and its direction.
    var lang: String = InterfaceText.mainLanguage
    var is_rtl: Bool = false
    /// A page in another language than English, whose school's own sections, sources
    /// and banner stay in English and are marked so.
    var is_translation: Bool = false
    /// The English has changed since this translation was made.
    var is_out_of_date: Bool = false
    /// The English version of this page, from it.
    var english_href: String = ""
    /// For link previews (Open Graph): the name of the site and the page's locale
    /// (`en_GB`), with the locales of its other languages.
    var site_name: String = ""
    var locale: String = ""
    var other_locales: [LocaleValue] = []
    /// Every language version of the page, absolute, with `x-default` for the English
    /// (`<link rel="alternate" hreflang>`); empty for a page in one language.
    var alternates: [AlternateLink] = []
    /// The page's languages, each in its own name, for the list on the page.
    var has_languages: Bool = false
    var languages: [LanguageLink] = []
}

struct LocaleValue: Codable {
    var locale: String
}

struct AlternateLink: Codable {
    var hreflang: String
    var href: String
}

struct LanguageLink: Codable {
    /// The BCP 47 tag.
    var lang: String
    /// The language's name for itself, e.g. "Polski".
    var name: String
    var href: String
    var current: Bool
}

struct SchoolValues: Codable {
    var name: String
    var short_name: String
    var town: String
    var website: String
    /// The school's complaints procedure page, or its website when it has none.
    var complaints_url: String
    var has_logo: Bool
    /// The logo's address within the site.
    var logo: String?
    /// The logo inside a `data:` address, for files read away from the site.
    var logo_data_url: String?
}

struct AssociationValues: Codable {
    var name: String
}

struct NavigationItem: Codable {
    var label: String
    var href: String
    var current: Bool
}

struct CampaignBanner: Codable {
    var name: String
    var dates: String
    var has_theme: Bool
    var theme: String
    /// The sentence that names the theme, in the page's language.
    var theme_sentence: HTMLText
    var text: String
    var has_letter_link: Bool
    var letter_href: String
}

struct DateValues: Codable {
    /// As British readers write it, e.g. "16 November 2026".
    var text: String
    var iso: String
}

/// The school's Code address for paper: printed in full, and as a QR code.
struct CodeLinkValues: Codable {
    var address: String
    /// `address` as printed, with line-break opportunities after its slashes.
    var address_html: HTMLText
    /// The QR code of `address`, as inline SVG with the address as its text alternative.
    var qr_code: HTMLText
}

struct HomePage: TemplateValues {
    struct Expectation: Codable {
        var text: String
        var has_link: Bool
        var href: String
    }

    struct DocumentLink: Codable {
        var title: String
        var summary: String
        var href: String
    }

    var strings: PageText
    var page: PageInfo
    var school: SchoolValues
    var association: AssociationValues
    var nav: [NavigationItem]
    var campaign: CampaignBanner?
    var expectations: [Expectation]
    var documents: [DocumentLink]
    var has_documents: Bool
}

struct DocumentPage: TemplateValues {
    struct ContentsEntry: Codable {
        var id: String
        var text_html: HTMLText
        var has_children: Bool
        var children: [ContentsChild]
    }

    struct ContentsChild: Codable {
        var id: String
        var text_html: HTMLText
    }

    /// A fact of the register of sources, and where it was checked.
    struct Source: Codable {
        var fact: String
        var href: String
        /// The source's site name, as the link's words.
        var site: String
        var checked: DateValues
    }

    struct BriefLine: Codable {
        var text: String
    }

    struct Document: Codable {
        var title: String
        var summary: String
        var body_html: HTMLText
        var has_contents: Bool
        var contents: [ContentsEntry]
        var is_draft: Bool
        /// The letter's date.
        var date: DateValues?
        var has_policy_details: Bool
        var version: String?
        var approved_by: String?
        var effective: DateValues?
        var next_review: DateValues?
        /// The Code's last part: where its facts come from.
        var has_sources: Bool
        /// The facts are in English on a page in another language.
        var sources_in_english: Bool = false
        var sources_id: String
        var sources_heading: String
        var sources: [Source]
        /// The letter's few plain sentences above it, with a link to the Code.
        var has_in_brief: Bool
        var in_brief: [BriefLine]
        var has_code_link: Bool
        var code_href: String
        /// The way to the Easy Read, from the Code.
        var has_easy_read_link: Bool
        var easy_read_href: String
    }

    var strings: PageText
    var page: PageInfo
    var school: SchoolValues
    var association: AssociationValues
    var nav: [NavigationItem]
    var campaign: CampaignBanner?
    var document: Document
    /// The way to the Code from paper: only on the letter for printing.
    var code_link: CodeLinkValues?
}

/// The A5 poster: the four expectations and the way to the Code, for a school's
/// reception and newsletters.
struct PosterPage: TemplateValues {
    struct Expectation: Codable {
        var text: String
    }

    var strings: PageText
    var page: PageInfo
    var school: SchoolValues
    var association: AssociationValues
    var expectations: [Expectation]
    var code_link: CodeLinkValues
}

struct NotFoundPage: TemplateValues {
    var strings: PageText
    var page: PageInfo
    var school: SchoolValues
    var association: AssociationValues
    var nav: [NavigationItem]
    var campaign: CampaignBanner?
}

struct ConsortiumPage: TemplateValues {
    struct SchoolEntry: Codable {
        var name: String
        var town: String
        var type: String
        var has_type: Bool
        var href: String
        /// Whether the school's pages are in this output folder.
        var built: Bool
    }

    var strings: PageText
    var association: AssociationValues
    var page: PageInfo
    var schools: [SchoolEntry]
    var school_count: Int
}

extension MustacheLibrary {
    /// Renders a page template with its own type of values. The validator has checked
    /// that every page template exists, so a missing one is a programming error.
    func render<Values>(_ values: Values, with template: PageTemplate<Values>) -> String {
        let dictionary = TemplateDictionary.make(values)
        guard let page = render(dictionary, withTemplate: template.name) else {
            preconditionFailure("page template '\(template.name)' was not validated")
        }
        return page
    }
}
