import Foundation
import Markdown

/// The words of the pages that are not in the documents: navigation, titles, headings,
/// dates, the bundle's README and the letter's plain-text framing. Each language has
/// one file, `Content/strings/<language>.yml`, with exactly the keys of `Key`.
public struct InterfaceText: Sendable, Equatable {
    /// Every key a strings file has, and the placeholders (`{school}`) its text may use.
    public enum Key: String, CaseIterable, Sendable {
        case languageName = "language_name"
        case direction
        case openGraphLocale = "open_graph_locale"

        case skipLink = "skip_link"
        case tagline
        case navigationLabel = "navigation_label"
        case navigationHome = "navigation_home"
        case navigationCode = "navigation_code"
        case navigationLetter = "navigation_letter"
        case navigationEasyRead = "navigation_easy_read"

        case titleHome = "title_home"
        case titleDocument = "title_document"
        case titleNotFound = "title_not_found"
        case titleConsortium = "title_consortium"
        case titlePoster = "title_poster"
        case descriptionNotFound = "description_not_found"
        case descriptionConsortium = "description_consortium"

        case homeHeading = "home_heading"
        case homeLead = "home_lead"
        case homeExpectationsHeading = "home_expectations_heading"
        case homeExpectationsIntro = "home_expectations_intro"
        case homeTalkToUs = "home_talk_to_us"
        case homeDocumentsHeading = "home_documents_heading"

        case posterHeading = "poster_heading"
        case codeLinkHeading = "code_link_heading"
        case codeLinkScan = "code_link_scan"
        case qrCodeLabel = "qr_code_label"

        case draftLabel = "draft_label"
        case draftNotice = "draft_notice"
        case outOfDateNotice = "out_of_date_notice"
        case outOfDateLink = "out_of_date_link"
        case languagesLabel = "languages_label"
        case inBriefHeading = "in_brief_heading"
        case inBriefCodeLink = "in_brief_code_link"
        case policyDetailsLabel = "policy_details_label"
        case version
        case approvedBy = "approved_by"
        case inUseFrom = "in_use_from"
        case nextReview = "next_review"
        case contents
        case embedContentsLabel = "embed_contents_label"
        case embedComment = "embed_comment"
        case easyReadLink = "easy_read_link"
        case embedEasyReadComment = "embed_easy_read_comment"
        case sourcesHeading = "sources_heading"
        case sourcesIntro = "sources_intro"
        case source
        case checked

        case campaignTheme = "campaign_theme"
        case campaignLetterLink = "campaign_letter_link"
        case footerShared = "footer_shared"
        case footerContact = "footer_contact"
        case schoolWebsite = "school_website"

        case notFoundHeading = "not_found_heading"
        case notFoundLead = "not_found_lead"
        case notFoundOptions = "not_found_options"
        case notFoundGoTo = "not_found_go_to"
        case notFoundVisit = "not_found_visit"

        case consortiumHeading = "consortium_heading"
        case consortiumLead = "consortium_lead"
        case consortiumSchoolsHeading = "consortium_schools_heading"
        case consortiumFooter = "consortium_footer"

        case date
        case dateWithoutYear = "date_without_year"
        case dateRange = "date_range"
        case monthJanuary = "month_january"
        case monthFebruary = "month_february"
        case monthMarch = "month_march"
        case monthApril = "month_april"
        case monthMay = "month_may"
        case monthJune = "month_june"
        case monthJuly = "month_july"
        case monthAugust = "month_august"
        case monthSeptember = "month_september"
        case monthOctober = "month_october"
        case monthNovember = "month_november"
        case monthDecember = "month_december"

        case letterTextOnline = "letter_text_online"
        case letterTextCode = "letter_text_code"
        case readmeHeading = "readme_heading"
        case readmeFrom = "readme_from"
        case readmeSite = "readme_site"
        case readmeEmbed = "readme_embed"
        case readmeEmbedEasyRead = "readme_embed_easy_read"
        case readmeLetterText = "readme_letter_text"
        case readmeLetterPrint = "readme_letter_print"
        case readmePoster = "readme_poster"
        case readmeUnconfirmedHeading = "readme_unconfirmed_heading"
        case readmeUnconfirmed = "readme_unconfirmed"
        case readmeNotSet = "readme_not_set"
        case readmeComplaintsFallback = "readme_complaints_fallback"

        /// The placeholders the key's text may use; the renderer fills them in.
        public var placeholders: [String] {
            switch self {
            case .titleHome, .titleNotFound, .titlePoster: ["school"]
            case .titleDocument: ["title", "school"]
            case .titleConsortium, .descriptionConsortium, .footerShared, .consortiumFooter: ["association"]
            case .homeLead: ["school", "association"]
            case .inBriefCodeLink: ["school", "short_name"]
            case .schoolWebsite: ["school", "short_name"]
            case .embedComment: ["title", "school", "version", "address"]
            case .embedEasyReadComment: ["title", "school", "address"]
            case .campaignTheme: ["theme"]
            case .consortiumLead: ["count", "association"]
            case .date: ["day", "month", "year"]
            case .dateWithoutYear: ["day", "month"]
            case .dateRange: ["start", "end"]
            case .letterTextOnline, .letterTextCode, .qrCodeLabel, .readmeLetterPrint, .readmePoster: ["address"]
            case .readmeHeading: ["school", "version"]
            case .readmeFrom: ["association", "launch"]
            case .readmeSite: ["address", "not_found_page"]
            default: []
            }
        }

        /// Keys the templates read as `{{text.<key>}}`; the others are the renderer's.
        var isTemplateText: Bool {
            switch self {
            case .languageName, .direction, .openGraphLocale, .navigationHome, .navigationCode, .navigationLetter, .navigationEasyRead,
                 .titleHome, .titleDocument, .titleNotFound, .titleConsortium, .titlePoster, .descriptionNotFound,
                 .descriptionConsortium, .qrCodeLabel, .readmePoster,
                 .sourcesHeading, .campaignTheme, .date, .dateWithoutYear, .dateRange,
                 .letterTextOnline, .letterTextCode, .readmeHeading, .readmeFrom, .readmeSite, .readmeEmbed, .readmeEmbedEasyRead,
                 .readmeLetterText, .readmeLetterPrint, .readmeUnconfirmedHeading, .readmeUnconfirmed,
                 .readmeNotSet, .readmeComplaintsFallback:
                false
            default:
                !Self.months.contains(self)
            }
        }

        static let months: [Key] = [.monthJanuary, .monthFebruary, .monthMarch, .monthApril, .monthMay, .monthJune,
                                    .monthJuly, .monthAugust, .monthSeptember, .monthOctober, .monthNovember,
                                    .monthDecember]
    }

    /// The values a `direction` key may have.
    public static let directions = ["ltr", "rtl"]

    /// Whether `value` is written as link previews (Open Graph) name a locale: a
    /// language and a region, `pl_PL`, `ur_PK`.
    static func isOpenGraphLocale(_ value: String) -> Bool {
        let parts = value.split(separator: "_", omittingEmptySubsequences: false)
        return parts.count == 2 && (2...3).contains(parts[0].count) && parts[1].count == 2
            && parts[0].allSatisfy { ("a"..."z").contains($0) } && parts[1].allSatisfy { ("A"..."Z").contains($0) }
    }

    /// The language every site has, whose pages are the site's main pages.
    public static let mainLanguage = "en-GB"

    /// The BCP 47 tag of the language, the strings file's name.
    public var language: String
    private var texts: [Key: String]

    /// - Precondition: `texts` has every key; the validator makes sure of it.
    init(language: String, texts: [Key: String]) {
        precondition(Set(texts.keys) == Set(Key.allCases), "interface text without every key")
        self.language = language
        self.texts = texts
    }

    /// The key's text with its placeholders filled in; placeholders without a value stay as written.
    public func text(_ key: Key, _ values: [String: String] = [:]) -> String {
        Self.fill(texts[key] ?? "", with: values)
    }

    /// Written as the language writes dates, e.g. "16 November 2026".
    public func date(_ date: CalendarDate) -> String {
        text(.date, ["day": String(date.day), "month": monthName(date.month), "year": String(date.year)])
    }

    /// A span of days: "16 to 20 November 2026", "30 November to 4 December 2026",
    /// "28 December 2026 to 1 January 2027".
    public func dateRange(from start: CalendarDate, to end: CalendarDate) -> String {
        let startText = if start.year != end.year {
            date(start)
        } else if start.month != end.month {
            text(.dateWithoutYear, ["day": String(start.day), "month": monthName(start.month)])
        } else {
            String(start.day)
        }
        return text(.dateRange, ["start": startText, "end": date(end)])
    }

    private func monthName(_ month: Int) -> String {
        text(Key.months[month - 1])
    }

    /// The key's text for a page: its own words with `&`, `<`, `>` and `"` escaped (an
    /// apostrophe is safe in text and in double-quoted attributes, and stays as written),
    /// the values in its placeholders escaped in full, as Mustache escapes values.
    func html(_ key: Key, _ values: [String: String]) -> String {
        Self.fill(texts[key] ?? "", with: values, words: Self.escapeWords, value: HTML.escape)
    }

    /// `&`, `<`, `>` and `"` escaped, as `html` writes a key's own words.
    static func escapeWords(_ words: Substring) -> String {
        guard words.contains(where: { "&<>\"".contains($0) }) else { return String(words) }
        return words.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A text split at its placeholders.
    enum Piece {
        case words(Substring)
        /// `{name}`, with the placeholder as written.
        case placeholder(name: String, written: Substring)
    }

    /// `text` as the words between its placeholders and the placeholders: a `{` up to the
    /// first `}` after it.
    static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.words(rest[..<open])) }
            pieces.append(.placeholder(name: String(rest[rest.index(after: open)..<close]), written: rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.words(rest)) }
        return pieces
    }

    /// `{name}` replaced by `values[name]` wherever `values` has it; the words between
    /// placeholders go through `words`, the values through `value`.
    static func fill(_ text: String, with values: [String: String], words: (Substring) -> String = { String($0) },
                     value: (String) -> String = { $0 }) -> String {
        var result = ""
        for piece in pieces(of: text) {
            switch piece {
            case .words(let text): result += words(text)
            case .placeholder(let name, let written): result += values[name].map(value) ?? words(written)
            }
        }
        return result
    }

    /// The names between braces in `text`, in order, with their offsets (in characters);
    /// a brace without its partner is reported as nil.
    static func placeholders(in text: String) -> [(name: String?, offset: Int)] {
        let characters = Array(text)
        var found: [(name: String?, offset: Int)] = []
        var open: Int?
        for (offset, character) in characters.enumerated() {
            if character == "{" {
                if let open { found.append((nil, open)) }
                open = offset
            } else if character == "}" {
                if let start = open {
                    let name = String(characters[(start + 1)..<offset])
                    found.append((name, start))
                    open = nil
                } else {
                    found.append((nil, offset))
                }
            }
        }
        if let open { found.append((nil, open)) }
        return found
    }
}
