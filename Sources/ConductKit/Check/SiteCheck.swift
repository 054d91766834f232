import Foundation

/// The result of checking a built site: every problem, and the contrast figures.
public struct SiteCheck: Sendable {
    /// Every problem found, in file order; each location's path starts with the
    /// prefix given to the check (e.g. "Output/").
    public var diagnostics: [Diagnostic]
    /// How many HTML pages were checked.
    public var pages: Int
    /// The slugs of the schools checked.
    public var schools: [String]
    /// Each distinct pair of colours on each school's pages (and the consortium's),
    /// in school order, then in the order of `ColourUse.all`.
    public var contrast: [ContrastMeasurement]

    /// True when the site may be published.
    public var passed: Bool { diagnostics.isEmpty }
}

/// A place where the stylesheet puts one colour on another, and the contrast WCAG 2.2 AA
/// asks for there. The list mirrors `Templates/assets/site.css`; colours are named by
/// the custom property that sets them, or written as `#rrggbb` where the stylesheet
/// uses a fixed colour.
public struct ColourUse: Sendable, Hashable {
    /// Says where on the page, for messages.
    public var name: String
    /// A few words, for the heading of a table column.
    public var shortName: String
    public var foreground: String
    public var background: String
    /// 4.5 for text (SC 1.4.3), 3 for large text and the edges of components (SC 1.4.11).
    public var minimum: Double

    public static let minimumForText = Contrast.minimumForText
    public static let minimumForLargeTextAndUI = 3.0

    public static let all: [ColourUse] = [
        ColourUse(name: "white text on the brand colour (header, navigation)", shortName: "white text on brand",
                  foreground: "#ffffff", background: "--brand", minimum: minimumForText),
        ColourUse(name: "brand-coloured borders on the page (headings, cards, panels)", shortName: "brand borders on page",
                  foreground: "--brand", background: "--background", minimum: minimumForLargeTextAndUI),
        ColourUse(name: "text on the page", shortName: "text on page",
                  foreground: "--text", background: "--background", minimum: minimumForText),
        ColourUse(name: "text on panels and the footer", shortName: "text on panels",
                  foreground: "--text", background: "--panel", minimum: minimumForText),
        ColourUse(name: "text on notices (campaign banner, draft notice)", shortName: "text on notices",
                  foreground: "--text", background: "--notice", minimum: minimumForText),
        ColourUse(name: "text on the keyboard focus highlight", shortName: "text on focus highlight",
                  foreground: "--text", background: "--focus", minimum: minimumForText),
        ColourUse(name: "links on the page", shortName: "links on page",
                  foreground: "--link", background: "--background", minimum: minimumForText),
        ColourUse(name: "links on panels and the footer", shortName: "links on panels",
                  foreground: "--link", background: "--panel", minimum: minimumForText),
        ColourUse(name: "links on the campaign banner", shortName: "links on notices",
                  foreground: "--link", background: "--notice", minimum: minimumForText),
        ColourUse(name: "muted text on the page (school list)", shortName: "muted text on page",
                  foreground: "--muted", background: "--background", minimum: minimumForText),
    ]

    /// The colour whose declaration a failure points at: the foreground, unless it is
    /// a fixed colour of the stylesheet (white text on the brand colour).
    var blamed: String { foreground.hasPrefix("--") ? foreground : background }
}

/// One pair of colours as a school's pages use it.
public struct ContrastMeasurement: Sendable, Equatable {
    /// The school's slug; nil for the consortium's page.
    public var school: String?
    public var use: ColourUse
    /// `#rrggbb`.
    public var foreground: String
    public var background: String
    public var ratio: Double
    /// Where the colour that decides the pair (`use`'s custom property) is set, with
    /// the check's location prefix.
    public var location: SourceLocation

    public var passes: Bool { ratio >= use.minimum }
}
