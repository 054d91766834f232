import Foundation
import Markdown

/// The values a school's page templates see (the types are in TemplateValues.swift).
/// Every text value is escaped by `{{ }}` in the templates; only HTML that cmark made
/// (with the school's values escaped) is passed, as `HTMLText`, for `{{{ }}}`.
struct PageContext {
    let school: School
    let site: Site
    private let substitution: Substitution

    /// The id of the Code's last part, "Where this information comes from".
    static let sourcesID = "where-this-information-comes-from"

    init(school: School, site: Site, members: MemberSchools) {
        self.school = school
        self.site = site
        substitution = Substitution(school: school, association: site.association, members: members)
    }

    func home() -> HomePage {
        let code = site.documents[.codeOfConduct]
        let common = common(title: "Social Media Code of Conduct – \(school.name)",
                            description: code?.summary ?? "", path: "", root: "", current: "home")
        // Before the Code's publishing time the expectations stand without links to it.
        let expectations = site.expectations.map { expectation in
            HomePage.Expectation(text: expectation.text, has_link: code != nil,
                                 href: "\(DocumentKind.codeOfConduct.outputFolder)/#\(expectation.sectionID)")
        }
        let documents = DocumentKind.allCases.compactMap { kind -> HomePage.DocumentLink? in
            guard let document = site.documents[kind] else { return nil }
            return HomePage.DocumentLink(title: document.title, summary: document.summary, href: "\(kind.outputFolder)/")
        }
        return HomePage(page: common.page, school: common.school, association: common.association, nav: common.nav,
                        campaign: common.campaign, expectations: expectations, documents: documents,
                        has_documents: !documents.isEmpty)
    }

    func document(_ document: SharedDocument) -> DocumentPage {
        let path = document.kind.outputFolder + "/"
        let common = common(title: "\(document.title) – \(school.name)", description: document.summary,
                            path: path, root: "../", current: document.kind.rawValue, isDraft: document.window.isDraft)
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
            contents.append(DocumentPage.ContentsEntry(id: Self.sourcesID, text_html: HTMLText(HTML.escape(Self.sourcesHeading)),
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
            sources_heading: Self.sourcesHeading,
            sources: sources.map { entry in
                DocumentPage.Source(fact: entry.fact, href: entry.source, site: Self.siteName(of: entry.source),
                                    checked: DateValues(text: entry.checked.british, iso: entry.checked.iso))
            },
            has_in_brief: false,
            in_brief: [],
            has_code_link: false,
            code_href: "../\(DocumentKind.codeOfConduct.outputFolder)/"
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
            details.date = DateValues(text: launch.british, iso: launch.iso)
        }
        if let version = document.version, let approvedBy = document.approvedBy,
           let effective = document.effective, let nextReview = document.nextReview {
            details.has_policy_details = true
            details.version = version
            details.approved_by = approvedBy
            details.effective = DateValues(text: effective.british, iso: effective.iso)
            details.next_review = DateValues(text: nextReview.british, iso: nextReview.iso)
        }
        return DocumentPage(page: common.page, school: common.school, association: common.association,
                            nav: common.nav, campaign: common.campaign, document: details)
    }

    /// The document page's values for a file that stands alone, away from the site
    /// (pasted into a school's own website, or printed): the logo travels inside it.
    func standalone(_ document: SharedDocument) -> DocumentPage {
        var values = self.document(document)
        values.school.logo_data_url = logoDataURL
        return values
    }

    /// The A5 poster's values. It is printed or sent on its own, like the letter for
    /// printing, so the logo travels inside it.
    func poster(codeLink: CodeLinkValues) -> PosterPage {
        var common = common(title: "Social Media Code of Conduct poster – \(school.name)",
                            description: site.documents[.codeOfConduct]?.summary ?? "", path: nil, root: "", current: "")
        common.school.logo_data_url = logoDataURL
        return PosterPage(page: common.page, school: common.school, association: common.association,
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
        let page = URL(string: school.baseURL + document.kind.outputFolder + "/")
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
        var common = common(title: "Page not found – \(school.name)", description: "This page could not be found.",
                            path: nil, root: root.hasSuffix("/") ? root : root + "/", current: "")
        common.page.is_not_found = true
        return NotFoundPage(page: common.page, school: common.school, association: common.association,
                            nav: common.nav, campaign: common.campaign)
    }

    /// What every page of a school's site has.
    private struct Common {
        var page: PageInfo
        var school: SchoolValues
        var association: AssociationValues
        var nav: [NavigationItem]
        var campaign: CampaignBanner?
    }

    private func common(title: String, description: String, path: String?, root: String, current: String,
                        isDraft: Bool = false) -> Common {
        let home = root.isEmpty ? "./" : root
        var nav = [NavigationItem(label: "Home", href: home, current: current == "home")]
        for kind in DocumentKind.allCases {
            guard site.documents[kind] != nil else { continue }
            nav.append(NavigationItem(label: navigationLabel(kind), href: root + kind.outputFolder + "/",
                                      current: current == kind.rawValue))
        }
        let page = PageInfo(title: title, description: description, root: root, home: home,
                            brand_colour: school.brandColour.hex, has_canonical: path != nil,
                            canonical: path.map { school.baseURL + $0 }, is_draft: isDraft, is_not_found: false)
        let schoolValues = SchoolValues(name: school.name, short_name: school.shortName, town: school.town,
                                        website: school.website,
                                        complaints_url: school.complaintsURL ?? school.website, has_logo: school.logo != nil,
                                        logo: school.logo.map { "assets/\($0.name)" })
        let campaign = site.activeWeek.map {
            campaignBanner($0, root: root, onLetter: current == DocumentKind.letter.rawValue)
        }
        return Common(page: page, school: schoolValues, association: AssociationValues(name: site.association),
                      nav: nav, campaign: campaign)
    }

    /// The Anti-Bullying Week banner: on every page during the week, linking to the
    /// letter from every page but the letter itself.
    private func campaignBanner(_ week: CampaignWeek, root: String, onLetter: Bool) -> CampaignBanner {
        CampaignBanner(name: week.name, dates: week.dates, has_theme: week.theme != nil, theme: week.theme ?? "",
                       text: site.campaign.banner, has_letter_link: !onLetter && site.documents[.letter] != nil,
                       letter_href: root + DocumentKind.letter.outputFolder + "/")
    }

    static let sourcesHeading = "Where this information comes from"

    /// "legislation.gov.uk" for https://www.legislation.gov.uk/ukpga/1997/40: the name a
    /// reader recognises, as a link's words.
    static func siteName(of address: String) -> String {
        guard let host = URL(string: address)?.host?.lowercased() else { return address }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    private func navigationLabel(_ kind: DocumentKind) -> String {
        switch kind {
        case .codeOfConduct: "The Code"
        case .letter: "Letter to parents and carers"
        }
    }
}
