import Foundation
import Markdown
import Mustache

/// Stage 2: checks everything in a `SiteSource` and collects every problem, so a
/// user sees them all in one run. Gives a `Site` only when there are none.
public enum SiteValidator {
    /// Ids the page templates use themselves, so no heading may take them.
    static let pageIDs = PageTemplates.ids

    /// - Parameter schools: the slugs being built; nil for every school.
    /// With `School.maximumSlugLength`, keeps the names publishing writes well inside
    /// the 255 bytes a file name may have.
    static let maximumVersionLength = 32

    public static func validate(_ source: SiteSource, schools selection: [String]? = nil) -> (site: Site?, diagnostics: [Diagnostic]) {
        // Reading problems of schools that are not being built do not stop the build.
        var diagnostics = source.diagnostics.filter { diagnostic in
            let parts = diagnostic.location.path.split(separator: "/")
            guard let selection, parts.first == "Schools", parts.count > 1 else { return true }
            return selection.contains(String(parts[1]))
        }
        let settings = validateSettings(source.settings, diagnostics: &diagnostics)
        let campaign = source.campaign.flatMap { validateCampaign($0, diagnostics: &diagnostics) }
        let sources = SourceRegisterValidator.validate(source.sources, diagnostics: &diagnostics)
        let interfaceText = validateStrings(source.strings, diagnostics: &diagnostics)
        var documents: [DocumentKind: SharedDocument] = [:]
        for (kind, document) in source.documents {
            documents[kind] = validateDocument(document, diagnostics: &diagnostics)
        }
        let translations = source.translations.compactMap { translation in
            validateTranslation(translation, english: documents[translation.kind], englishSource: source.documents[translation.kind],
                                diagnostics: &diagnostics)
        }
        // `conduct check` would list a document written from a later Code as written from an earlier one.
        if let codeVersion = documents[.codeOfConduct]?.version {
            for document in source.documents.values {
                guard let written = document.metadata["code_version"],
                      written.value.compare(codeVersion, options: .numeric) == .orderedDescending else { continue }
                diagnostics.append(Diagnostic(.codeVersionNotYetWritten(written.value, codeVersion: codeVersion), at: written.location))
            }
        }
        // Any other digest only marks the translation out of date; this one would mark it
        // so for ever, its pages saying the English had changed when it may not have.
        for translation in source.translations {
            guard let digest = translation.metadata["source_digest"], let english = source.documents[translation.kind],
                  digest.value != english.digest,
                  let other = source.documents.values.first(where: { $0.kind != translation.kind && $0.digest == digest.value })
            else { continue }
            diagnostics.append(Diagnostic(.digestOfAnotherDocument(otherPath: other.path, englishPath: english.path), at: digest.location))
        }
        // A translation's pages are in its language throughout, navigation and all.
        for language in Set(source.translations.map(\.language)).sorted()
        where !source.strings.contains(where: { $0.language == language.description }) {
            let path = "\(StringsSource.folder)/\(language).yml"
            diagnostics.append(Diagnostic(.missingFile(purpose: "\(path), the words of the pages in '\(language)' "
                                                           + "(the keys of \(InterfaceText.mainLanguage).yml, translated)"),
                                          at: SourceLocation(path: path)))
        }
        // A file not named by a tag is the text of no language (`Polish.yml`, `PL.yml`),
        // and would be left out without a word.
        for strings in source.strings where LanguageTag(strings.language) == nil {
            diagnostics.append(Diagnostic(.unusedFile(belongsHere: "\(StringsSource.folder)/ holds \(InterfaceText.mainLanguage).yml and "
                                                          + "one file for each language of \(TranslationSource.folder)/, named by its tag (such as pl.yml)"),
                                          at: SourceLocation(path: strings.path)))
        }
        let icons = IconCheck.validate(source.icons, diagnostics: &diagnostics)
        checkPictures(source, icons: Set(source.icons.map(\.name)), diagnostics: &diagnostics)
        let expectations = validateExpectations(source.settings, code: documents[.codeOfConduct], diagnostics: &diagnostics)
        let templateCheck = TemplateCheck.check(source.templates)
        let templates = validateTemplates(source.templates, check: templateCheck, diagnostics: &diagnostics)
        checkDuplicateSlugs(source.schools.filter { selection?.contains($0.folder) ?? true }, diagnostics: &diagnostics)

        let selected = source.schools.filter { selection?.contains($0.folder) ?? true }
        let absentDocuments = Set(DocumentKind.allCases.filter { source.documents[$0] == nil && !isUnreadable($0, in: source) })
        let schools = selected.compactMap { school in
            SchoolValidator(settings: settings, documents: documents,
                            absentDocuments: absentDocuments,
                            icons: Set(source.icons.map(\.name)),
                            baseTemplates: source.templates,
                            baseTemplateProblems: Set(templateCheck))
                .validate(school, diagnostics: &diagnostics)
        }
        let read = source.schools.map { SchoolListing(slug: $0.folder, name: $0.name, town: $0.town ?? "", type: $0.type) }
        // In folder order, as the schools were read.
        let directory = source.checkedEarlier.isEmpty ? read : (read + source.checkedEarlier).sorted { $0.slug < $1.slug }

        guard diagnostics.isEmpty, let settings, let templates, let campaign, let sources,
              interfaceText[InterfaceText.mainLanguage] != nil else { return (nil, diagnostics.sortedByLocation()) }
        let site = Site(association: settings.association, defaultBrandColour: settings.defaultBrandColour, expectations: expectations, documents: documents,
                        translations: translations,
                        templates: templates, assets: source.assets, directory: directory, schools: schools,
                        campaign: campaign, sources: sources, interfaceText: interfaceText, icons: icons)
        return (site, [])
    }

    /// The pictures of the documents that have them (`PageKind.Check.pictures`) and of
    /// their translations, and every icon used by one.
    /// Whether `kind`'s file is there but could not be read: reported by the loader
    /// already, and neither absent nor known, so nothing is concluded from it.
    private static func isUnreadable(_ kind: DocumentKind, in source: SiteSource) -> Bool {
        source.documents[kind] == nil && source.diagnostics.contains { $0.location.path == kind.path }
    }

    /// Pictures are drawn only on the pages of the documents that have them (the Easy
    /// Read), from its icons, each of which it uses; schools' sections are checked with
    /// their school.
    private static func checkPictures(_ source: SiteSource, icons: Set<String>, diagnostics: inout [Diagnostic]) {
        let kinds = Set(PageKind.documents(checked: .pictures))
        let bodies = source.documents.values.map { ($0.kind, $0.path, $0.body, $0.bodyFirstLine) }
            + source.translations.map { ($0.kind, $0.path, $0.body, $0.bodyFirstLine) }
        var used: Set<String> = []
        // A document that could not be read is reported already; which icons it uses is unknown.
        var allUsesKnown = !kinds.contains { isUnreadable($0, in: source) }
        for (kind, path, body, firstLine) in bodies.sorted(by: { $0.1 < $1.1 }) {
            // A body nested too deeply is reported already, and not parsed here.
            guard MarkdownNesting.firstTooDeep(in: body, firstLine: firstLine) == nil else {
                if kinds.contains(kind) { allUsesKnown = false }
                continue
            }
            if kinds.contains(kind) {
                used.formUnion(IconCheck.checkPictures(in: body, firstLine: firstLine, path: path, icons: icons,
                                                       diagnostics: &diagnostics))
            } else {
                IconCheck.refusePictures(in: body, firstLine: firstLine, path: path, diagnostics: &diagnostics)
            }
        }
        guard allUsesKnown else { return }
        for icon in source.icons where !used.contains(icon.name) {
            diagnostics.append(Diagnostic(.unusedIcon(icon.name), at: SourceLocation(path: icon.path)))
        }
    }

    /// Each language's interface text whose file has every key, each text using only
    /// its own placeholders.
    private static func validateStrings(_ sources: [StringsSource], diagnostics: inout [Diagnostic]) -> [String: InterfaceText] {
        var languages: [String: InterfaceText] = [:]
        for source in sources {
            let before = diagnostics.count
            for (key, text) in source.texts.sorted(by: { $0.value.location < $1.value.location }) {
                for placeholder in InterfaceText.placeholders(in: text.value) {
                    // On the value's first line, the brace itself is pointed at.
                    var at = text.location
                    if !text.value.prefix(placeholder.offset).contains("\n") { at.column += placeholder.offset }
                    guard let name = placeholder.name else {
                        diagnostics.append(Diagnostic(.unmatchedBrace(key: key.rawValue), at: at))
                        continue
                    }
                    if !key.placeholders.contains(name) {
                        diagnostics.append(Diagnostic(.unknownPlaceholder(name, key: key.rawValue, allowed: key.placeholders),
                                                      at: at))
                    }
                }
            }
            if let direction = source.texts[.direction], !InterfaceText.directions.contains(direction.value) {
                diagnostics.append(Diagnostic(.unknownDirection(direction.value), at: direction.location))
            } else if let direction = source.texts[.direction], let expected = writingDirection(of: source.language),
                      direction.value != expected {
                // Pages laid out from the wrong side would be hard to read.
                diagnostics.append(Diagnostic(.directionOfAnotherScript(direction.value, language: source.language, expected: expected),
                                              at: direction.location))
            }
            if let locale = source.texts[.openGraphLocale], !InterfaceText.isOpenGraphLocale(locale.value) {
                diagnostics.append(Diagnostic(.malformedOpenGraphLocale(locale.value), at: locale.location))
            }
            guard diagnostics.count == before, source.texts.count == InterfaceText.Key.allCases.count else { continue }
            languages[source.language] = InterfaceText(language: source.language, texts: source.texts.mapValues(\.value))
        }
        return languages
    }

    /// "rtl" or "ltr" for a language tag whose direction the locale data knows.
    private static func writingDirection(of language: String) -> String? {
        guard LanguageTag(language) != nil else { return nil }
        switch Locale.Language(identifier: language).characterDirection {
        case .rightToLeft: return "rtl"
        case .leftToRight: return "ltr"
        default: return nil
        }
    }

    struct Settings {
        var association: String
        var defaultBasePath: String
        var defaultBrandColour: Colour
    }

    private static func validateSettings(_ source: SettingsSource?, diagnostics: inout [Diagnostic]) -> Settings? {
        guard let source, let association = source.association, let basePath = source.defaultBasePath,
              let colour = source.defaultBrandColour else { return nil }
        guard let brand = validBrandColour(colour, key: "default_brand_colour", diagnostics: &diagnostics) else { return nil }
        var path = basePath.value
        if path.hasPrefix("/") || path.contains("..") || path.contains("://") || path.contains("?") || path.contains("#") {
            diagnostics.append(Diagnostic(.wrongType(key: "default_base_path",
                                                     expected: "a folder path such as social-media-code-of-conduct/"),
                                          at: basePath.location))
            return nil
        }
        if !path.hasSuffix("/") { path += "/" }
        return Settings(association: association.value, defaultBasePath: path, defaultBrandColour: brand)
    }

    /// A `#rrggbb` colour that white text can sit on at WCAG AA.
    static func validBrandColour(_ colour: Located<String>, key: String, diagnostics: inout [Diagnostic]) -> Colour? {
        guard let parsed = Colour(hex: colour.value.lowercased()) else {
            diagnostics.append(Diagnostic(.invalidColour(key: key, value: colour.value), at: colour.location))
            return nil
        }
        let ratio = Contrast.ratio(parsed, .white)
        guard ratio >= Contrast.minimumForText else {
            let suggestion = Contrast.darkenedForWhiteText(parsed).hex
            diagnostics.append(Diagnostic(.lowContrast(key: key, colour: parsed.hex, ratio: ratio, suggestion: suggestion),
                                          at: colour.location))
            return nil
        }
        return parsed
    }

    private static func validateCampaign(_ source: CampaignSource, diagnostics: inout [Diagnostic]) -> Campaign? {
        let before = diagnostics.count
        let launch = source.launch.flatMap { calendarDate($0, key: "launch", diagnostics: &diagnostics) }
        let weeks = source.weeks.compactMap { week -> CampaignWeek? in
            guard let name = week.name, let startsText = week.starts, let endsText = week.ends,
                  let starts = calendarDate(startsText, key: "starts", diagnostics: &diagnostics),
                  let ends = calendarDate(endsText, key: "ends", diagnostics: &diagnostics) else { return nil }
            guard starts.daysSinceEpoch <= ends.daysSinceEpoch else {
                diagnostics.append(Diagnostic(.endsBeforeStart(start: "starts", end: "ends"), at: endsText.location))
                return nil
            }
            return CampaignWeek(name: name.value, starts: starts, ends: ends, theme: week.theme?.value)
        }
        guard diagnostics.count == before, let launch, let banner = source.banner else { return nil }
        return Campaign(launch: launch, banner: banner.value, weeks: weeks)
    }

    static func calendarDate(_ text: Located<String>, key: String, diagnostics: inout [Diagnostic]) -> CalendarDate? {
        guard let date = CalendarDate(iso: text.value) else {
            diagnostics.append(Diagnostic(.invalidDate(key: key, value: text.value), at: text.location))
            return nil
        }
        return date
    }

    /// `publish_from` and `publish_until` are London times; an end given as a date
    /// alone includes that whole day.
    static func validateWindow(_ fields: [String: Located<String>], diagnostics: inout [Diagnostic]) -> PublishWindow {
        func instant(_ key: String, wholeDay: Bool) -> Date? {
            guard let text = fields[key] else { return nil }
            if wholeDay, let date = CalendarDate(iso: text.value) { return LondonTime.instant(date.next) }
            guard let instant = LondonTime.instant(parsing: text.value) else {
                diagnostics.append(Diagnostic(.invalidTime(key: key, value: text.value), at: text.location))
                return nil
            }
            return instant
        }
        var window = PublishWindow(from: instant("publish_from", wholeDay: false),
                                   until: instant("publish_until", wholeDay: true), isDraft: false)
        if let from = window.from, let until = window.until, until <= from, let end = fields["publish_until"] {
            diagnostics.append(Diagnostic(.endsBeforeStart(start: "publish_from", end: "publish_until"), at: end.location))
        }
        if let draft = fields["draft"] {
            switch draft.value {
            case "true": window.isDraft = true
            case "false": break
            default: diagnostics.append(Diagnostic(.invalidBoolean(key: "draft", value: draft.value), at: draft.location))
            }
        }
        return window
    }

    private static func validateDocument(_ source: DocumentSource, diagnostics: inout [Diagnostic]) -> SharedDocument? {
        guard readableNesting(source.body, firstLine: source.bodyFirstLine, path: source.path, diagnostics: &diagnostics) else {
            return nil
        }
        let body = CommonMark.parse(source.body, firstLine: source.bodyFirstLine)
        checkMarkdown(body, text: source.body, firstLine: source.bodyFirstLine, path: source.path,
                      diagnostics: &diagnostics)
        var ids = HeadingIDs()
        pageIDs.forEach { ids.reserve($0) }
        let headingIDs = body.headings.map { ids.unique(for: $0.text) }
        for id in source.replaceable where !headingIDs.contains(id.value) {
            diagnostics.append(Diagnostic(.replaceableHeadingMissing(id.value), at: id.location))
        }
        func date(_ key: String) -> CalendarDate? {
            source.metadata[key].flatMap { calendarDate($0, key: key, diagnostics: &diagnostics) }
        }
        let window = validateWindow(source.metadata, diagnostics: &diagnostics)
        checkInBrief(source.inBrief, of: source.kind, diagnostics: &diagnostics)
        let effective = date("effective"), nextReview = date("next_review")
        // The version names each school's published zip, `<slug>-<version>.zip`.
        if let version = source.metadata["version"], version.value.count > maximumVersionLength {
            diagnostics.append(Diagnostic(.valueTooLong(key: "version", maximum: maximumVersionLength), at: version.location))
        }
        guard let title = source.metadata["title"], let summary = source.metadata["summary"] else { return nil }
        return SharedDocument(
            kind: source.kind, path: source.path, title: title.value, summary: summary.value,
            version: source.metadata["version"]?.value, codeVersion: source.metadata["code_version"]?.value,
            approvedBy: source.metadata["approved_by"]?.value,
            effective: effective, nextReview: nextReview, replaceable: Set(source.replaceable.map(\.value)),
            inBrief: source.inBrief.map(\.value), body: body, headingIDs: headingIDs, window: window
        )
    }

    /// A translation is checked as the English is (Markdown limits, values, `in_brief`),
    /// and its headings against the English ones, which schools' sections and the
    /// expectations are placed by.
    private static func validateTranslation(_ source: TranslationSource, english: SharedDocument?, englishSource: DocumentSource?,
                                            diagnostics: inout [Diagnostic]) -> Translation? {
        guard readableNesting(source.body, firstLine: source.bodyFirstLine, path: source.path, diagnostics: &diagnostics) else {
            return nil
        }
        let body = CommonMark.parse(source.body, firstLine: source.bodyFirstLine)
        checkMarkdown(body, text: source.body, firstLine: source.bodyFirstLine, path: source.path, diagnostics: &diagnostics)
        checkInBrief(source.inBrief, of: source.kind, diagnostics: &diagnostics)
        if let english {
            compareHeadings(of: source, body.headings, with: english, diagnostics: &diagnostics)
        }
        var ids = HeadingIDs()
        pageIDs.forEach { ids.reserve($0) }
        let headingIDs = body.headings.map { ids.unique(for: $0.text) }
        let digest = source.metadata["source_digest"]
        if let digest, !TranslationOrigin.isWellFormedDigest(digest.value) {
            diagnostics.append(Diagnostic(.invalidDigest(key: "source_digest", value: digest.value,
                                                         englishPath: englishSource?.path ?? source.kind.path),
                                          at: digest.location))
        }
        guard let englishSource, let title = source.metadata["title"], let summary = source.metadata["summary"],
              let digest, TranslationOrigin.isWellFormedDigest(digest.value), let origin = source.origin(english: englishSource),
              let reviewedBy = source.metadata["reviewed_by"] else { return nil }
        return Translation(language: source.language, kind: source.kind, path: source.path, title: title.value,
                           summary: summary.value, inBrief: source.inBrief.map(\.value), body: body, headingIDs: headingIDs,
                           reviewedBy: reviewedBy, origin: origin)
    }

    /// The first heading whose level differs from the English one at the same place, or
    /// the first one missing or left over: headings are compared by place and level, as
    /// their text is in another language.
    private static func compareHeadings(of source: TranslationSource, _ headings: [Heading], with english: SharedDocument,
                                        diagnostics: inout [Diagnostic]) {
        func written(_ heading: Heading) -> String { String(repeating: "#", count: heading.level) + " " + heading.text }
        func at(_ heading: Heading, in path: String) -> SourceLocation {
            SourceLocation(path: path, line: heading.line, column: heading.column)
        }
        let originals = english.body.headings
        for (number, (heading, original)) in zip(headings, originals).enumerated() where heading.level != original.level {
            diagnostics.append(Diagnostic(.translationHeadingDiffers(number: number + 1, found: written(heading), english: written(original),
                                                                     englishAt: at(original, in: english.path).description),
                                          at: at(heading, in: source.path)))
            return
        }
        if headings.count < originals.count {
            let original = originals[headings.count]
            let place = headings.last.map { at($0, in: source.path) }
                ?? SourceLocation(path: source.path, line: source.bodyFirstLine)
            diagnostics.append(Diagnostic(.translationHeadingMissing(english: written(original),
                                                                     englishAt: at(original, in: english.path).description,
                                                                     englishCount: originals.count, count: headings.count),
                                          at: place))
        } else if headings.count > originals.count {
            let extra = headings[originals.count]
            diagnostics.append(Diagnostic(.translationHeadingExtra(found: written(extra), englishCount: originals.count),
                                          at: at(extra, in: source.path)))
        }
    }

    /// Whether cmark can be given `text`; a body nested too deeply is reported instead.
    static func readableNesting(_ text: String, firstLine: Int, path: String, diagnostics: inout [Diagnostic]) -> Bool {
        guard let deep = MarkdownNesting.firstTooDeep(in: text, firstLine: firstLine) else { return true }
        diagnostics.append(Diagnostic(.markdownTooDeep(maximum: MarkdownNesting.maximumDepth),
                                      at: SourceLocation(path: path, line: deep.line, column: deep.column)))
        return false
    }

    /// Checks that apply to every Markdown body: no level-1 headings (the page title
    /// is the one `h1`) and only known variables.
    static func checkMarkdown(_ document: MarkdownDocument, text: String, firstLine: Int, path: String,
                              diagnostics: inout [Diagnostic]) {
        for heading in document.headings where heading.level == 1 {
            diagnostics.append(Diagnostic(.levelOneHeading, at: SourceLocation(path: path, line: heading.line, column: heading.column)))
        }
        let scan = VariableScanner.uses(in: text, firstLine: firstLine)
        for use in scan.uses {
            let at = SourceLocation(path: path, line: use.line, column: use.column)
            guard let variable = Variable(rawValue: use.name) else {
                diagnostics.append(Diagnostic(.unknownVariable(use.name, known: Variable.names), at: at))
                continue
            }
            if variable.isBlock && !use.standsAlone {
                diagnostics.append(Diagnostic(.blockVariableNotAlone(use.name), at: at))
            }
        }
        for position in scan.unclosed {
            diagnostics.append(Diagnostic(.unclosedVariable, at: SourceLocation(path: path, line: position.line, column: position.column)))
        }
    }

    /// `in_brief:` sums up the letter above it; its sentences may use the values a
    /// sentence can hold, not the list of member schools.
    private static func checkInBrief(_ sentences: [Located<String>], of kind: DocumentKind, diagnostics: inout [Diagnostic]) {
        guard let first = sentences.first else { return }
        guard kind == .letter else {
            diagnostics.append(Diagnostic(.inBriefNotOnLetter, at: first.location))
            return
        }
        for sentence in sentences {
            let scan = VariableScanner.uses(in: sentence.value, firstLine: sentence.location.line)
            func at(_ column: Int) -> SourceLocation {
                SourceLocation(path: sentence.location.path, line: sentence.location.line,
                               column: sentence.location.column + column - 1)
            }
            for use in scan.uses {
                if let variable = Variable(rawValue: use.name) {
                    if variable.isBlock { diagnostics.append(Diagnostic(.blockVariableInBrief(use.name), at: at(use.column))) }
                } else {
                    diagnostics.append(Diagnostic(.unknownVariable(use.name, known: Variable.names), at: at(use.column)))
                }
            }
            for position in scan.unclosed {
                diagnostics.append(Diagnostic(.unclosedVariable, at: at(position.column)))
            }
        }
    }

    private static func validateExpectations(_ settings: SettingsSource?, code: SharedDocument?,
                                             diagnostics: inout [Diagnostic]) -> [Expectation] {
        guard let settings else { return [] }
        return settings.expectations.map { expectation in
            if let code, !code.headingIDs.contains(expectation.section.value) {
                diagnostics.append(Diagnostic(.unknownHeadingID(expectation.section.value, document: DocumentKind.codeOfConduct.rawValue,
                                                                known: code.headingIDs),
                                              at: expectation.section.location))
            }
            return Expectation(text: expectation.text.value, sectionID: expectation.section.value)
        }
    }

    /// - Parameter check: what `TemplateCheck` found in them.
    private static func validateTemplates(_ sources: [String: TemplateSource], check: [Diagnostic],
                                          diagnostics: inout [Diagnostic]) -> [String: MustacheTemplate]? {
        let before = diagnostics.count
        for name in PageTemplates.names where sources[name] == nil {
            diagnostics.append(Diagnostic(.missingTemplate(name), at: SourceLocation(path: "Templates/\(name).mustache")))
        }
        let compiled = compile(sources, available: Set(sources.keys), diagnostics: &diagnostics)
        // Keys are only worth checking in templates that parse.
        if diagnostics.count == before { diagnostics += check }
        return diagnostics.count == before ? compiled : nil
    }

    /// Sections within sections, far more than any page needs.
    static let maximumSectionDepth = 32

    /// Parses each template and checks that every partial it names exists among
    /// `available` (Mustache would silently render a missing one as nothing).
    static func compile(_ sources: [String: TemplateSource], available: Set<String>,
                        diagnostics: inout [Diagnostic]) -> [String: MustacheTemplate] {
        var compiled: [String: MustacheTemplate] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            // The Mustache parser reads each section with one more call on the stack.
            if let deep = MustacheTag.firstTooDeep(in: source.text, maximum: maximumSectionDepth) {
                diagnostics.append(Diagnostic(.templateSectionsTooDeep(maximum: maximumSectionDepth),
                                              at: SourceLocation(path: source.path, line: deep.line, column: deep.column)))
                continue
            }
            do {
                compiled[name] = try MustacheTemplate(string: source.text)
            } catch let error as MustacheTemplate.ParserError {
                let at = SourceLocation(path: source.path, line: error.context.lineNumber, column: error.context.columnNumber)
                diagnostics.append(Diagnostic(.templateSyntax(problem: describe(error.error)), at: at))
            } catch {
                diagnostics.append(Diagnostic(.templateSyntax(problem: "\(error)"), at: SourceLocation(path: source.path)))
            }
            for partial in partials(in: source.text) where !available.contains(partial.name) {
                diagnostics.append(Diagnostic(.missingPartial(partial.name),
                                              at: SourceLocation(path: source.path, line: partial.line, column: partial.column)))
            }
        }
        return compiled
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a closing tag does not match the section it closes"
        case .unfinishedName: "a tag is not closed"
        case .expectedSectionEnd: "a section is never closed"
        case .invalidSetDelimiter: "a set-delimiter tag is badly formed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "pragmas ('{{% …}}') are not supported"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "template inheritance ('{{< …}}', '{{$ …}}') is not supported"
        default: "\(error)"
        }
    }

    /// `{{> name}}` tags, with their positions.
    private static func partials(in text: String) -> [(name: String, line: Int, column: Int)] {
        MustacheTag.scan(text).filter { $0.kind == .partial }.map { ($0.name, $0.line, $0.column) }
    }

    private static func checkDuplicateSlugs(_ schools: [SchoolSource], diagnostics: inout [Diagnostic]) {
        var firstUse: [String: String] = [:]
        for school in schools {
            guard let slug = school.fields["slug"] else { continue }
            if let first = firstUse[slug.value] {
                diagnostics.append(Diagnostic(.duplicateSlug(slug.value, firstDefinedIn: first), at: slug.location))
            } else {
                firstUse[slug.value] = school.path
            }
        }
    }
}
