import Foundation
import Markdown

/// The values a school's page templates see, as Mustache reads them. Every text
/// value is escaped by `{{ }}` in the templates; only HTML that cmark made (with the
/// school's values escaped) is passed as `*_html` for `{{{ }}}`.
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

    func home() -> [String: Any] {
        let code = site.documents[.codeOfConduct]
        var context = common(title: "Social Media Code of Conduct – \(school.name)",
                             description: code?.summary ?? "", path: "", root: "", current: "home")
        // Before the Code's publishing time the expectations stand without links to it.
        context["expectations"] = site.expectations.map { expectation -> [String: Any] in
            ["text": expectation.text, "has_link": code != nil,
             "href": "\(DocumentKind.codeOfConduct.outputFolder)/#\(expectation.sectionID)"]
        }
        let documents = DocumentKind.allCases.compactMap { kind -> [String: Any]? in
            guard let document = site.documents[kind] else { return nil }
            return ["title": document.title, "summary": document.summary, "href": "\(kind.outputFolder)/"]
        }
        context["documents"] = documents
        context["has_documents"] = !documents.isEmpty
        return context
    }

    func document(_ document: SharedDocument) -> [String: Any] {
        let path = document.kind.outputFolder + "/"
        var context = common(title: "\(document.title) – \(school.name)", description: document.summary,
                             path: path, root: "../", current: document.kind.rawValue, isDraft: document.window.isDraft)
        let composed = DocumentComposer.compose(document, sections: school.sections,
                                                headingText: substitution.applyToPlainText)
        var contents = TableOfContents(headings: composed.headings).entries.map { entry -> [String: Any] in
            [
                "id": entry.id,
                "text_html": substitution.apply(to: entry.textHTML),
                "has_children": !entry.children.isEmpty,
                "children": entry.children.map { ["id": $0.id, "text_html": substitution.apply(to: $0.textHTML)] },
            ]
        }
        // The register of sources closes the Code, as its last part.
        let sources = document.kind == .codeOfConduct ? site.sources.entries : []
        if !sources.isEmpty {
            contents.append(["id": Self.sourcesID, "text_html": HTML.escape(Self.sourcesHeading), "has_children": false,
                             "children": [[String: Any]]()])
        }
        var details: [String: Any] = [
            "title": document.title,
            "summary": document.summary,
            "body_html": substitution.apply(to: composed.html),
            // Short documents such as the letter read better without a contents list.
            "has_contents": contents.count >= 3,
            "contents": contents,
            "is_draft": document.window.isDraft,
            "has_sources": !sources.isEmpty,
            "sources_id": Self.sourcesID,
            "sources_heading": Self.sourcesHeading,
            "sources": sources.map { entry -> [String: Any] in
                ["fact": entry.fact, "href": entry.source, "site": Self.siteName(of: entry.source),
                 "checked": ["text": entry.checked.british, "iso": entry.checked.iso]]
            },
        ]
        // A few sentences above the letter, outside it, and the way to the whole Code.
        if !document.inBrief.isEmpty {
            details["has_in_brief"] = true
            details["in_brief"] = document.inBrief.map { ["text": substitution.applyToPlainText($0)] }
            details["has_code_link"] = site.documents[.codeOfConduct] != nil
            details["code_href"] = "../\(DocumentKind.codeOfConduct.outputFolder)/"
        }
        // The letter goes out on the day the Code is launched, and says so.
        if document.kind == .letter {
            let launch = site.campaign.launch
            details["date"] = ["text": launch.british, "iso": launch.iso]
        }
        if let version = document.version, let approvedBy = document.approvedBy,
           let effective = document.effective, let nextReview = document.nextReview {
            details["has_policy_details"] = true
            details["version"] = version
            details["approved_by"] = approvedBy
            details["effective"] = ["text": effective.british, "iso": effective.iso]
            details["next_review"] = ["text": nextReview.british, "iso": nextReview.iso]
        }
        context["document"] = details
        return context
    }

    /// The document page's values for a file that stands alone, away from the site
    /// (pasted into a school's own website, or printed): the logo travels inside it.
    func standalone(_ document: SharedDocument) -> [String: Any] {
        var context = self.document(document)
        if let logo = school.logo, var values = context["school"] as? [String: Any] {
            values["logo_data_url"] = "data:\(logo.mediaType);base64,\(logo.contents.base64EncodedString())"
            context["school"] = values
        }
        return context
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
    func notFound() -> [String: Any] {
        let root = URL(string: school.baseURL)?.path(percentEncoded: true) ?? "/"
        var context = common(title: "Page not found – \(school.name)", description: "This page could not be found.",
                             path: nil, root: root.hasSuffix("/") ? root : root + "/", current: "")
        context["page"] = (context["page"] as? [String: Any] ?? [:]).merging(["is_not_found": true]) { $1 }
        return context
    }

    private func common(title: String, description: String, path: String?, root: String, current: String,
                        isDraft: Bool = false) -> [String: Any] {
        let home = root.isEmpty ? "./" : root
        var nav: [[String: Any]] = [["label": "Home", "href": home, "current": current == "home"]]
        for kind in DocumentKind.allCases {
            guard site.documents[kind] != nil else { continue }
            nav.append(["label": navigationLabel(kind), "href": root + kind.outputFolder + "/",
                        "current": current == kind.rawValue])
        }
        var page: [String: Any] = [
            "title": title,
            "description": description,
            "root": root,
            "home": home,
            "brand_colour": school.brandColour.hex,
            "has_canonical": path != nil,
            "is_draft": isDraft,
        ]
        if let path { page["canonical"] = school.baseURL + path }
        var schoolValues: [String: Any] = [
            "name": school.name,
            "short_name": school.shortName,
            "town": school.town,
            "website": school.website,
            "complaints_url": school.complaintsURL ?? school.website,
            "has_logo": school.logo != nil,
        ]
        if let logo = school.logo { schoolValues["logo"] = "assets/\(logo.name)" }
        var context: [String: Any] = ["page": page, "school": schoolValues, "association": ["name": site.association], "nav": nav]
        if let week = site.activeWeek {
            context["campaign"] = campaignBanner(week, root: root, onLetter: current == DocumentKind.letter.rawValue)
        }
        return context
    }

    /// The Anti-Bullying Week banner: on every page during the week, linking to the
    /// letter from every page but the letter itself.
    private func campaignBanner(_ week: CampaignWeek, root: String, onLetter: Bool) -> [String: Any] {
        let linksToLetter = !onLetter && site.documents[.letter] != nil
        return [
            "name": week.name,
            "dates": week.dates,
            "has_theme": week.theme != nil,
            "theme": week.theme ?? "",
            "text": site.campaign.banner,
            "has_letter_link": linksToLetter,
            "letter_href": root + DocumentKind.letter.outputFolder + "/",
        ]
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
