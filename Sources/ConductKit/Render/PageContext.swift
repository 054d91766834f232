import Foundation
import Markdown

/// The values a school's page templates see (the types are in TemplateValues.swift).
/// Every text value is escaped by `{{ }}` in the templates; only HTML that cmark made
/// (with the school's values escaped) is passed, as `HTMLText`, for `{{{ }}}`.
struct PageContext {
    let school: School
    let site: Site
    /// The language of the pages, when they are a translation's; nil for English.
    let language: LanguageTag?
    /// The interface text of the page's language, prepared for pages.
    private let pageText: PageTextTemplate
    /// The same, as its strings file gives it.
    var text: InterfaceText { pageText.text }
    private let substitution: Substitution

    /// The id of the Code's last part, "Where this information comes from".
    static let sourcesID = "where-this-information-comes-from"

    /// - Parameters:
    ///   - language: a language of `site.translations`, whose interface text the site has
    ///     (the validator makes sure of it); nil for English.
    ///   - text: the interface text of `language`, or of English.
    init(school: School, site: Site, members: MemberSchools, language: LanguageTag? = nil, text: PageTextTemplate) {
        self.school = school
        self.site = site
        self.language = language
        pageText = text
        substitution = Substitution(school: school, association: site.association, members: members)
    }

    func home() -> HomePage {
        let code = site.documents[.codeOfConduct]
        let common = common(title: text.text(.titleHome, ["school": school.name]),
                            description: code?.summary ?? "", path: "", root: "", current: PageKind.home)
        // Before the Code's publishing time the expectations stand without links to it.
        let expectations = site.expectations.map { expectation in
            HomePage.Expectation(text: expectation.text, has_link: code != nil,
                                 href: "\(PageKind.codeOfConduct.address)#\(expectation.sectionID)")
        }
        let documents = PageKind.all.compactMap { kind -> HomePage.DocumentLink? in
            guard let document = kind.document.flatMap({ site.documents[$0] }) else { return nil }
            return HomePage.DocumentLink(title: document.title, summary: document.summary, href: kind.address)
        }
        return HomePage(strings: common.strings, page: common.page, school: common.school, association: common.association, nav: common.nav,
                        campaign: common.campaign, expectations: expectations, documents: documents,
                        has_documents: !documents.isEmpty)
    }

    func document(_ document: SharedDocument) -> DocumentPage {
        self.document(document, sections: school.sections)
    }

    /// A translation's page, `<tag>/<page>`: the translated document with the school's
    /// own sections, in English, placed at the headings that stand where the English
    /// ones they name stand (the validator makes sure the headings match one for one).
    func document(_ translation: Translation, english: SharedDocument) -> DocumentPage {
        var translated = english
        translated.title = translation.title
        translated.summary = translation.summary
        translated.inBrief = translation.inBrief
        translated.body = translation.body
        translated.headingIDs = translation.headingIDs
        translated.window.isDraft = english.window.isDraft || translation.isDraft
        let ids = Dictionary(zip(english.headingIDs, translation.headingIDs)) { first, _ in first }
        let sections = school.sections.map { section in
            guard section.document == english.kind, let id = ids[section.placement.target] else { return section }
            var placed = section
            switch section.placement {
            case .after: placed.placement = .after(id)
            case .before: placed.placement = .before(id)
            case .replace: placed.placement = .replace(id)
            }
            return placed
        }
        var page = document(translated, sections: sections, outOfDate: translation.origin.isOutOfDate)
        page.document.sources_in_english = page.document.has_sources
        return page
    }

    private func document(_ document: SharedDocument, sections: [Section], outOfDate: Bool = false) -> DocumentPage {
        let kind = Self.pageKind(of: document)
        var common = common(title: text.text(.titleDocument, ["title": document.title, "school": school.name]),
                            description: document.summary, path: kind.address, root: "../", current: kind,
                            isDraft: document.window.isDraft,
                            values: ["title": document.title, "version": document.version ?? "",
                                     "address": school.baseURL + kind.address])
        common.page.is_out_of_date = outOfDate
        let composed = DocumentComposer.compose(document, sections: sections,
                                                headingText: substitution.applyToPlainText,
                                                sectionLanguage: language == nil ? nil : InterfaceText.mainLanguage)
        // On a translation's page the school's own headings are English, in its contents too.
        let translatedIDs = language == nil ? nil : Set(document.headingIDs)
        func contentsText(_ id: String, _ html: String) -> HTMLText {
            let text = substitution.apply(to: html)
            guard let translatedIDs, !translatedIDs.contains(id) else { return HTMLText(text) }
            return HTMLText("<span lang=\"\(InterfaceText.mainLanguage)\" dir=\"ltr\">\(text)</span>")
        }
        var contents = TableOfContents(headings: composed.headings).entries.map { entry in
            DocumentPage.ContentsEntry(
                id: entry.id,
                text_html: contentsText(entry.id, entry.textHTML),
                has_children: !entry.children.isEmpty,
                children: entry.children.map {
                    DocumentPage.ContentsChild(id: $0.id, text_html: contentsText($0.id, $0.textHTML))
                }
            )
        }
        // The register of sources closes the Code, as its last part.
        let sources = document.kind == .codeOfConduct ? site.sources.entries : []
        if !sources.isEmpty {
            contents.append(DocumentPage.ContentsEntry(id: Self.sourcesID, text_html: HTMLText(HTML.escape(text.text(.sourcesHeading))),
                                                       has_children: false, children: []))
        }
        let body = substitution.apply(to: composed.html)
        var details = DocumentPage.Document(
            title: document.title,
            summary: document.summary,
            body_html: HTMLText(kind.checks.contains(.pictures) ? PicturePoints.draw(body, icons: site.icons) : body),
            // Short documents such as the letter read better without a contents list.
            has_contents: contents.count >= 3,
            contents: contents,
            is_draft: document.window.isDraft,
            has_policy_details: false,
            has_sources: !sources.isEmpty,
            sources_id: Self.sourcesID,
            sources_heading: text.text(.sourcesHeading),
            sources: sources.map { entry in
                DocumentPage.Source(fact: entry.fact, href: entry.source, site: Self.siteName(of: entry.source),
                                    checked: dateValues(entry.checked))
            },
            has_in_brief: false,
            in_brief: [],
            has_code_link: false,
            code_href: href(PageKind.codeOfConduct, root: common.page.root),
            // Near the top of the Code, for readers who would find the Easy Read easier.
            has_easy_read_link: document.kind == .codeOfConduct && site.documents[.easyRead] != nil,
            easy_read_href: href(PageKind.easyRead, root: common.page.root)
        )
        // A few sentences above the letter, outside it, and the way to the whole Code.
        if !document.inBrief.isEmpty {
            details.has_in_brief = true
            details.in_brief = document.inBrief.map { DocumentPage.BriefLine(text: substitution.applyToPlainText($0)) }
            details.has_code_link = site.documents[.codeOfConduct] != nil
        }
        // The letter goes out on the day the Code is launched, and says so.
        if document.kind == .letter {
            let launch = site.campaign.launch
            details.date = dateValues(launch)
        }
        if let version = document.version, let approvedBy = document.approvedBy,
           let effective = document.effective, let nextReview = document.nextReview {
            details.has_policy_details = true
            details.version = version
            details.approved_by = approvedBy
            details.effective = dateValues(effective)
            details.next_review = dateValues(nextReview)
        }
        return DocumentPage(strings: common.strings, page: common.page, school: common.school, association: common.association,
                            nav: common.nav, campaign: common.campaign, document: details)
    }

    /// The document page's values for a file that stands alone, away from the site
    /// (pasted into a school's own website, or printed): the logo travels inside it.
    func standalone(_ document: SharedDocument) -> DocumentPage {
        var values = self.document(document)
        values.school.logo_data_url = logoDataURL
        return values
    }

    /// The document page's values for paper: standing alone, and ending with the way
    /// to the Code.
    func printed(_ document: SharedDocument, codeLink: CodeLinkValues) -> DocumentPage {
        var values = standalone(document)
        values.code_link = codeLink
        return values
    }

    /// The A5 poster's values, a bundle file of `kind`. It is printed or sent on its own,
    /// like the letter for printing, so the logo travels inside it.
    func poster(codeLink: CodeLinkValues, kind: PageKind) -> PosterPage {
        var common = common(title: text.text(.titlePoster, ["school": school.name]),
                            description: site.documents[.codeOfConduct]?.summary ?? "", path: nil, root: "", current: kind)
        common.school.logo_data_url = logoDataURL
        return PosterPage(strings: common.strings, page: common.page, school: common.school,
                          association: common.association,
                          expectations: site.expectations.map { PosterPage.Expectation(text: $0.text) },
                          code_link: codeLink)
    }

    /// The school's logo inside a `data:` address, for files read away from the site.
    private var logoDataURL: String? {
        school.logo.map { "data:\($0.mediaType);base64,\($0.contents.base64EncodedString())" }
    }

    /// The document as plain text for e-mail and messaging apps: each link's address
    /// written out in full, relative ones made absolute from the page's own address.
    func plainText(_ document: SharedDocument) -> String {
        let composed = DocumentComposer.compose(document, sections: school.sections,
                                                headingText: substitution.applyToPlainText)
        let page = URL(string: school.baseURL + Self.pageKind(of: document).address)
        return composed.text.map { block in
            let text = block.rendered { written in
                let address = substitution.applyToPlainText(written)
                // Links within the page mean nothing in an e-mail.
                guard !address.hasPrefix("#") else { return nil }
                return URL(string: address, relativeTo: page)?.absoluteString ?? address
            }
            return substitution.applyToTextBlock(text)
        }.joined(separator: "\n\n")
    }

    /// Served for any missing address, at any depth, so its links are absolute paths.
    func notFound() -> NotFoundPage {
        let root = URL(string: school.baseURL)?.path(percentEncoded: true) ?? "/"
        var common = common(title: text.text(.titleNotFound, ["school": school.name]),
                            description: text.text(.descriptionNotFound),
                            path: nil, root: root.hasSuffix("/") ? root : root + "/", current: PageKind.notFound)
        common.page.is_not_found = true
        return NotFoundPage(strings: common.strings, page: common.page, school: common.school, association: common.association,
                            nav: common.nav, campaign: common.campaign)
    }

    /// What every page of a school's site has.
    private struct Common {
        var strings: PageText
        var page: PageInfo
        var school: SchoolValues
        var association: AssociationValues
        var nav: [NavigationItem]
        var campaign: CampaignBanner?
    }

    /// - Parameter root: the path from an English page of `current`'s kind to the site's
    ///   top folder; a translation's page sits one folder deeper, in its language's.
    private func common(title: String, description: String, path: String?, root englishRoot: String, current: PageKind,
                        isDraft: Bool = false, values: [String: String] = [:]) -> Common {
        let root = language == nil ? englishRoot : englishRoot + "../"
        let home = root.isEmpty ? "./" : root
        let nav = PageKind.all.compactMap { kind -> NavigationItem? in
            guard let label = kind.navigationLabel, kind.isPublished(in: site.documents) else { return nil }
            return NavigationItem(label: text.text(label), href: href(kind, root: root), current: kind.id == current.id)
        }
        let ownPath = path.map { (language.map { "\($0)/" } ?? "") + $0 }
        var page = PageInfo(title: title, description: description, root: root, home: home,
                            brand_colour: school.brandColour.hex, has_canonical: ownPath != nil,
                            canonical: ownPath.map { school.baseURL + $0 }, is_draft: isDraft, is_not_found: false)
        page.lang = language?.description ?? InterfaceText.mainLanguage
        page.is_rtl = text.text(.direction) == "rtl"
        page.is_translation = language != nil
        page.english_href = root + current.address
        page.site_name = school.name
        page.locale = openGraphLocale(page.lang)
        let versions = languageVersions(of: current)
        if versions.count > 1 {
            page.has_languages = true
            page.languages = versions.map { version in
                let href = root + version.address
                return LanguageLink(lang: version.lang, name: version.name, href: href.isEmpty ? "./" : href,
                                    current: version.lang == page.lang && (current.document != nil || current.id == PageKind.home.id))
            }
            // Only a document's versions are the same page in other languages.
            if current.document != nil {
                page.alternates = versions.map { AlternateLink(hreflang: $0.lang, href: school.baseURL + $0.address) }
                    + [AlternateLink(hreflang: "x-default", href: school.baseURL + current.address)]
                page.other_locales = versions.filter { $0.lang != page.lang }.map { LocaleValue(locale: openGraphLocale($0.lang)) }
            }
        }
        let schoolValues = SchoolValues(name: school.name, short_name: school.shortName, town: school.town,
                                        website: school.website,
                                        complaints_url: school.complaintsURL ?? school.website, has_logo: school.logo != nil,
                                        logo: school.logo.map { "assets/\($0.name)" })
        let campaign = site.activeWeek.map {
            campaignBanner($0, root: root, onLetter: current.id == PageKind.letter.id)
        }
        let strings = pageText.fill(values.merging(["school": school.name, "short_name": school.shortName,
                                                    "association": site.association]) { own, _ in own })
        return Common(strings: strings, page: page, school: schoolValues, association: AssociationValues(name: site.association),
                      nav: nav, campaign: campaign)
    }

    /// The address of `kind`'s page from a page whose path to the site's top folder is
    /// `root`: in the pages' language when there is a translation of it, else in English.
    private func href(_ kind: PageKind, root: String) -> String {
        if let language, let document = kind.document,
           site.translations.contains(where: { $0.language == language && $0.kind == document }) {
            return root + "\(language)/" + kind.address
        }
        return kind.address.isEmpty && root.isEmpty ? "./" : root + kind.address
    }

    /// The languages a page of `kind` is in, English first, each with its address within
    /// the school's site and its name for itself. A home page (which is in English only)
    /// leads to each language's first translated page.
    private func languageVersions(of kind: PageKind) -> [(lang: String, name: String, address: String)] {
        // A page that is not a document's (home, not found) leads to the English home page.
        var versions = [(lang: InterfaceText.mainLanguage, name: site.text.text(.languageName),
                         address: kind.document == nil ? "" : kind.address)]
        var languages: [LanguageTag] = []
        for translation in site.translations where !languages.contains(translation.language) {
            languages.append(translation.language)
        }
        for language in languages {
            let translated = Set(site.translations.filter { $0.language == language }.map(\.kind))
            let page = kind.document == nil ? PageKind.all.first { $0.document.map(translated.contains) ?? false } : kind
            guard let page, let document = page.document, translated.contains(document) else { continue }
            let name = site.interfaceText[language.description]?.text(.languageName) ?? language.description
            versions.append((language.description, name, "\(language)/" + page.address))
        }
        return versions
    }

    /// Open Graph writes a locale as `language_TERRITORY`: `en_GB`, `pt_BR`; a tag
    /// without a region gives its language alone (`pl`).
    /// The locale link previews name for a language, from its strings file.
    private func openGraphLocale(_ language: String) -> String {
        site.interfaceText[language]?.text(.openGraphLocale) ?? ""
    }

    /// The Anti-Bullying Week banner: on every page during the week, linking to the
    /// letter from every page but the letter itself.
    private func campaignBanner(_ week: CampaignWeek, root: String, onLetter: Bool) -> CampaignBanner {
        CampaignBanner(name: week.name, dates: text.dateRange(from: week.starts, to: week.ends),
                       has_theme: week.theme != nil, theme: week.theme ?? "",
                       theme_sentence: HTMLText(week.theme.map { text.html(.campaignTheme, ["theme": $0]) } ?? ""),
                       text: site.campaign.banner, has_letter_link: !onLetter && site.documents[.letter] != nil,
                       letter_href: href(PageKind.letter, root: root))
    }

    private func dateValues(_ date: CalendarDate) -> DateValues {
        DateValues(text: text.date(date), iso: date.iso)
    }

    /// The page kind that shows a shared document; every document has one.
    static func pageKind(of document: SharedDocument) -> PageKind {
        guard let kind = PageKind.showing(document.kind) else {
            preconditionFailure("no page kind shows \(document.kind.rawValue)")
        }
        return kind
    }

    /// "legislation.gov.uk" for https://www.legislation.gov.uk/ukpga/1997/40: the name a
    /// reader recognises, as a link's words.
    static func siteName(of address: String) -> String {
        guard let host = URL(string: address)?.host?.lowercased() else { return address }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
