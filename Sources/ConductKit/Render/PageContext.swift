import Foundation
import Markdown

/// The values a school's page templates see (the types are in TemplateValues.swift).
/// Every text value is escaped by `{{ }}` in the templates; only HTML that cmark made
/// (with the school's values escaped) is passed, as `HTMLText`, for `{{{ }}}`.
struct PageContext {
    let school: School
    let site: Site
    /// The interface text of the page's language.
    let text: InterfaceText
    private let substitution: Substitution

    /// The id of the Code's last part, "Where this information comes from".
    static let sourcesID = "where-this-information-comes-from"

    init(school: School, site: Site, members: MemberSchools) {
        self.school = school
        self.site = site
        text = site.text
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
        let kind = Self.pageKind(of: document)
        let common = common(title: text.text(.titleDocument, ["title": document.title, "school": school.name]),
                            description: document.summary, path: kind.address, root: "../", current: kind,
                            isDraft: document.window.isDraft,
                            values: ["title": document.title, "version": document.version ?? "",
                                     "address": school.baseURL + kind.address])
        let composed = DocumentComposer.compose(document, sections: school.sections,
                                                headingText: substitution.applyToPlainText)
        var contents = TableOfContents(headings: composed.headings).entries.map { entry in
            DocumentPage.ContentsEntry(
                id: entry.id,
                text_html: HTMLText(substitution.apply(to: entry.textHTML)),
                has_children: !entry.children.isEmpty,
                children: entry.children.map {
                    DocumentPage.ContentsChild(id: $0.id, text_html: HTMLText(substitution.apply(to: $0.textHTML)))
                }
            )
        }
        // The register of sources closes the Code, as its last part.
        let sources = document.kind == .codeOfConduct ? site.sources.entries : []
        if !sources.isEmpty {
            contents.append(DocumentPage.ContentsEntry(id: Self.sourcesID, text_html: HTMLText(HTML.escape(text.text(.sourcesHeading))),
                                                       has_children: false, children: []))
        }
        var details = DocumentPage.Document(
            title: document.title,
            summary: document.summary,
            body_html: HTMLText(substitution.apply(to: composed.html)),
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
            code_href: "../\(PageKind.codeOfConduct.address)"
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
        if let logo = school.logo {
            values.school.logo_data_url = "data:\(logo.mediaType);base64,\(logo.contents.base64EncodedString())"
        }
        return values
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

    private func common(title: String, description: String, path: String?, root: String, current: PageKind,
                        isDraft: Bool = false, values: [String: String] = [:]) -> Common {
        let home = root.isEmpty ? "./" : root
        let nav = PageKind.all.compactMap { kind -> NavigationItem? in
            guard let label = kind.navigationLabel, kind.isPublished(in: site.documents) else { return nil }
            return NavigationItem(label: text.text(label), href: kind.address.isEmpty ? home : root + kind.address,
                                  current: kind.id == current.id)
        }
        let page = PageInfo(title: title, description: description, root: root, home: home,
                            brand_colour: school.brandColour.hex, has_canonical: path != nil,
                            canonical: path.map { school.baseURL + $0 }, is_draft: isDraft, is_not_found: false)
        let schoolValues = SchoolValues(name: school.name, short_name: school.shortName, town: school.town,
                                        website: school.website,
                                        complaints_url: school.complaintsURL ?? school.website, has_logo: school.logo != nil,
                                        logo: school.logo.map { "assets/\($0.name)" })
        let campaign = site.activeWeek.map {
            campaignBanner($0, root: root, onLetter: current.id == PageKind.letter.id)
        }
        let pageText = PageText(text, values: values.merging(["school": school.name, "short_name": school.shortName,
                                                              "association": site.association]) { own, _ in own })
        return Common(strings: pageText, page: page, school: schoolValues, association: AssociationValues(name: site.association),
                      nav: nav, campaign: campaign)
    }

    /// The Anti-Bullying Week banner: on every page during the week, linking to the
    /// letter from every page but the letter itself.
    private func campaignBanner(_ week: CampaignWeek, root: String, onLetter: Bool) -> CampaignBanner {
        CampaignBanner(name: week.name, dates: text.dateRange(from: week.starts, to: week.ends),
                       has_theme: week.theme != nil, theme: week.theme ?? "",
                       theme_sentence: HTMLText(week.theme.map { text.html(.campaignTheme, ["theme": $0]) } ?? ""),
                       text: site.campaign.banner, has_letter_link: !onLetter && site.documents[.letter] != nil,
                       letter_href: root + PageKind.letter.address)
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
