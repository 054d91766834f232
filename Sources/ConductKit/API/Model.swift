import Foundation
import Markdown
import Mustache

/// A value together with the place in a file it was read from.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var location: SourceLocation
}

/// The shared documents every school publishes; `PageKind` says how each is shown.
public enum DocumentKind: String, CaseIterable, Sendable, Comparable {
    case codeOfConduct = "code-of-conduct"
    case letter
    /// The Code in Easy Read, with a picture beside each point.
    case easyRead = "easy-read"

    /// The Markdown file under `Content/`.
    public var fileName: String {
        switch self {
        case .codeOfConduct: "code-of-conduct.md"
        case .letter: "parent-letter.md"
        case .easyRead: "easy-read.md"
        }
    }

    /// The file's path from the site's root, as locations report it.
    public var path: String { "Content/\(fileName)" }

    /// Whether a site may do without it: a site without an Easy Read has no Easy Read page.
    var isOptional: Bool { self == .easyRead }

    /// Front matter keys the document must have: the Code is a policy and carries
    /// its policy metadata on the page.
    var requiredMetadata: [String] {
        switch self {
        case .codeOfConduct: ["title", "summary", "version", "approved_by", "effective", "next_review"]
        case .letter: ["title", "summary"]
        // The version of the Code it was written from, to tell when the Code has moved on.
        case .easyRead: ["title", "summary", "code_version"]
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A date without a time or zone: policy dates are calendar days.
public struct CalendarDate: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Reads `YYYY-MM-DD`, rejecting days that do not exist (2026-02-30).
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// For `<time datetime>`.
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// A colour written `#rrggbb`.
public struct Colour: Hashable, Sendable {
    public var red: Int, green: Int, blue: Int

    init?(hex text: String) {
        guard text.count == 7, text.first == "#", text.dropFirst().allSatisfy(\.isHexDigit),
              let value = Int(text.dropFirst(), radix: 16) else { return nil }
        (red, green, blue) = ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
    }

    init(red: Int, green: Int, blue: Int) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    public var hex: String { String(format: "#%02x%02x%02x", red, green, blue) }

    public static let white = Colour(red: 255, green: 255, blue: 255)
}

/// Everything the renderer needs, checked. Only `validate` makes one.
public struct Site: Sendable {
    public var association: String
    /// For the consortium's own page and schools that set no colour.
    public var defaultBrandColour: Colour
    public var expectations: [Expectation]
    public var documents: [DocumentKind: SharedDocument]
    /// The shared documents in other languages, by language then document.
    public var translations: [Translation]
    public var templates: [String: MustacheTemplate]
    public var assets: [Asset]
    /// Every school in `Schools/`, valid or not, for listings; `schools` holds the
    /// validated ones that are being built.
    public var directory: [SchoolListing]
    public var schools: [School]
    public var campaign: Campaign
    /// Where the Code's facts come from (`Content/sources.yml`); empty when the site has none.
    public var sources: SourceRegister
    /// The Anti-Bullying Week under way at the time the site is built for, if any:
    /// set by `published(at:includingDrafts:)`, it puts the banner on every page.
    public var activeWeek: CampaignWeek?
    /// The words of the pages in each language (`Content/strings/`), by BCP 47 tag;
    /// English (`InterfaceText.mainLanguage`) is always there.
    public var interfaceText: [String: InterfaceText]
    /// The pictures of the Easy Read's points (`Content/icons/`), by name.
    public var icons: [String: Icon]

    /// The interface text of the site's main language, English.
    public var text: InterfaceText {
        guard let text = interfaceText[InterfaceText.mainLanguage] else {
            preconditionFailure("a site is validated with its English interface text")
        }
        return text
    }
}

/// When a document or section may appear on the site. `from` is inclusive, `until`
/// exclusive; a draft appears only when drafts are asked for (`--drafts`, preview).
public struct PublishWindow: Sendable, Equatable {
    public var from: Date?
    public var until: Date?
    public var isDraft: Bool

    public static let always = PublishWindow(from: nil, until: nil, isDraft: false)

    public func isOpen(at instant: Date, includingDrafts: Bool) -> Bool {
        (includingDrafts || !isDraft) && (from.map { instant >= $0 } ?? true) && (until.map { instant < $0 } ?? true)
    }
}

/// The consortium's campaign data from `Content/campaign.yml`.
public struct Campaign: Sendable {
    /// The day the Code goes live in every school; the letter is dated with it.
    public var launch: CalendarDate
    /// The sentence on the banner shown during Anti-Bullying Week.
    public var banner: String
    public var weeks: [CampaignWeek]

    /// The week whose days, in London, include `instant`.
    public func week(at instant: Date) -> CampaignWeek? {
        weeks.first { LondonTime.instant($0.starts) <= instant && instant < LondonTime.instant($0.ends.next) }
    }
}

/// One year's Anti-Bullying Week, from the start of its first day to the end of its last.
public struct CampaignWeek: Sendable, Equatable {
    public var name: String
    public var starts: CalendarDate
    public var ends: CalendarDate
    /// The national theme, when the consortium has confirmed it.
    public var theme: String?
}

extension Site {
    /// The site as it stands at `instant`: documents and sections outside their
    /// publishing window (or drafts, unless asked for) left out, and the campaign week
    /// under way, if any. Pure, so a launch can be rehearsed with any time.
    public func published(at instant: Date, includingDrafts: Bool) -> Site {
        var site = self
        site.documents = documents.filter { $0.value.window.isOpen(at: instant, includingDrafts: includingDrafts) }
        // A translation appears with its English, and a draft only when drafts are asked for.
        site.translations = translations.filter { (includingDrafts || !$0.isDraft) && site.documents[$0.kind] != nil }
        site.schools = schools.map { school in
            var school = school
            school.sections = school.sections.filter {
                $0.window.isOpen(at: instant, includingDrafts: includingDrafts) && site.documents[$0.document] != nil
            }
            return school
        }
        site.activeWeek = campaign.week(at: instant)
        return site
    }

    /// The longest stretch around `instant` in which `published(at:)` gives the same
    /// site: from the latest publishing time or campaign boundary at or before it
    /// (nil: none) up to the next one after it (nil: none). A build can be reused for
    /// any time in it.
    public func unchangedPeriod(around instant: Date) -> (from: Date?, until: Date?) {
        let windows = documents.values.map(\.window) + schools.flatMap { $0.sections.map(\.window) }
        let boundaries = windows.flatMap { [$0.from, $0.until].compactMap { $0 } }
            + campaign.weeks.flatMap { [LondonTime.instant($0.starts), LondonTime.instant($0.ends.next)] }
        return (boundaries.filter { $0 <= instant }.max(), boundaries.filter { $0 > instant }.min())
    }
}

public struct Expectation: Sendable, Equatable {
    public var text: String
    /// The heading id in the Code that explains this expectation.
    public var sectionID: String
}

public struct SharedDocument: Sendable {
    public var kind: DocumentKind
    public var path: String
    public var title: String
    public var summary: String
    public var version: String?
    /// The version of the Code an Easy Read was written from (`code_version`).
    public var codeVersion: String?
    public var approvedBy: String?
    public var effective: CalendarDate?
    public var nextReview: CalendarDate?
    public var replaceable: Set<String>
    /// The letter's short summary, shown above it (`in_brief:`), values not yet in.
    public var inBrief: [String]
    public var body: MarkdownDocument
    /// The id of each heading of `body`, in order.
    public var headingIDs: [String]
    public var window: PublishWindow
}

/// A picture of `Content/icons/`: a line drawing in the text's colour, drawn inside
/// the page beside its point.
public struct Icon: Sendable, Equatable {
    public var name: String
    /// The `<svg>` element as the file has it, checked by `IconCheck`.
    public var markup: String
}

public struct Asset: Sendable, Equatable {
    /// Path inside a site's `assets/` folder.
    public var name: String
    public var contents: Data

    /// For a `data:` address; logos are limited to these types.
    var mediaType: String {
        switch (name as NSString).pathExtension.lowercased() {
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        default: "application/octet-stream"
        }
    }
}

public struct SchoolListing: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var town: String
    /// The kind of school, e.g. "Pupil referral unit", when school.yml gives one.
    public var type: String?
}

public struct School: Sendable {
    public var slug: String
    public var name: String
    public var shortName: String
    public var town: String
    public var type: String?
    public var website: String
    /// The school's own complaints procedure page, when it has given one.
    public var complaintsURL: String?
    /// Where the pages live on the school's website; always ends with "/".
    public var baseURL: String
    public var brandColour: Colour
    public var logo: Asset?
    /// The values of school.yml still to be confirmed by the school (`unverified:`).
    public var unverified: [UnconfirmedValue]
    public var sections: [Section]
    public var templateOverrides: [String: MustacheTemplate]
}

/// A key of school.yml listed under `unverified:`: its value is not confirmed yet.
public struct UnconfirmedValue: Sendable, Equatable {
    public var key: String
    /// The value as school.yml gives it; nil when the key is not set.
    public var value: String?
    /// Where the key is listed under `unverified:`.
    public var location: SourceLocation
}

/// The register of sources, `Content/sources.yml`: every external fact the content
/// relies on, the page it was checked against and when, and the phone numbers and
/// addresses the content uses for it.
public struct SourceRegister: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// One plain-English sentence, shown to parents.
        public var fact: String
        /// The https:// page the fact was checked against.
        public var source: String
        public var checked: CalendarDate
        /// As written in the register.
        public var phones: [String]
        public var links: [String]
    }

    public var entries: [Entry]

    public static let empty = SourceRegister(entries: [])

    /// Whether some entry lists this phone number, compared by its digits.
    public func lists(phone: String) -> Bool {
        let digits = PhoneNumber.digits(of: phone)
        return entries.contains { $0.phones.contains { PhoneNumber.digits(of: $0) == digits } }
    }

    /// Whether some entry lists this address, compared as `WebAddress.sameAddress` does.
    public func lists(link: String) -> Bool {
        entries.contains { $0.links.contains { WebAddress.sameAddress($0, link) } }
    }
}

public struct Section: Sendable {
    public enum Placement: Sendable, Equatable {
        case after(String)
        case before(String)
        case replace(String)

        var target: String {
            switch self {
            case .after(let id), .before(let id), .replace(let id): id
            }
        }
    }

    public var path: String
    public var document: DocumentKind
    public var placement: Placement
    public var body: MarkdownDocument
    public var window: PublishWindow
}

extension School {
    /// `^[a-z0-9]+(-[a-z0-9]+)*$`: lowercase words joined by single hyphens.
    public static func isValidSlug(_ slug: String) -> Bool {
        let words = slug.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }
}
