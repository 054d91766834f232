import Foundation
import Markdown
import Mustache

/// Checks one school's `school.yml`, sections and template overrides.
struct SchoolValidator {
    let settings: SiteValidator.Settings?
    let documents: [DocumentKind: SharedDocument]
    /// Documents the site does without (an optional one whose file is not there).
    let absentDocuments: Set<DocumentKind>
    /// The names of the icons in `Content/icons/`, for sections placed in a document with pictures.
    let icons: Set<String>
    let baseTemplates: [String: TemplateSource]
    /// What `TemplateCheck` found in the shared templates alone, reported once for the site.
    let baseTemplateProblems: Set<Diagnostic>

    static let logoExtensions = ["svg", "png", "jpg", "jpeg", "webp"]

    func validate(_ source: SchoolSource, diagnostics: inout [Diagnostic]) -> School? {
        let before = diagnostics.count
        let fields = source.fields
        if let slug = fields["slug"] {
            if let problem = School.slugProblem(slug.value) {
                diagnostics.append(Diagnostic(problem, at: slug.location))
            } else if slug.value != source.folder {
                diagnostics.append(Diagnostic(.slugDoesNotMatchFolder(slug: slug.value, folder: source.folder), at: slug.location))
            }
        }
        let website = fields["website"].flatMap { Self.httpsURL($0, key: "website", diagnostics: &diagnostics) }
        let complaintsURL = fields["complaints_url"].flatMap { Self.httpsURL($0, key: "complaints_url", diagnostics: &diagnostics) }
        var baseURL = fields["base_url"].flatMap { Self.httpsURL($0, key: "base_url", diagnostics: &diagnostics) }
        if baseURL == nil, fields["base_url"] == nil, let website, let settings {
            baseURL = (website.hasSuffix("/") ? website : website + "/") + settings.defaultBasePath
        }
        if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" }
        if let baseURL, let from = fields["base_url"] ?? fields["website"] {
            let address = PrintedCodeLink.address(baseURL: baseURL)
            if address.utf8.count > PrintedCodeLink.longestAddress {
                diagnostics.append(Diagnostic(.addressTooLongForQRCode(address, bytes: address.utf8.count,
                                                                       maximum: PrintedCodeLink.longestAddress),
                                              at: from.location))
            }
        }
        let brandColour = fields["brand_colour"].map {
            SiteValidator.validBrandColour($0, key: "brand_colour", diagnostics: &diagnostics)
        } ?? settings?.defaultBrandColour
        let logo = fields["logo"].flatMap { validateLogo($0, data: source.logo, folder: source.folder, diagnostics: &diagnostics) }
        let confirmable = Schema.school.filter { $0 != "unverified" }
        for key in source.unverified where !confirmable.contains(key.value) {
            diagnostics.append(Diagnostic(.unverifiedNotAKey(key.value, keys: confirmable), at: key.location))
        }
        let sections = validateSections(source.sections, diagnostics: &diagnostics)
        let overrides = validateOverrides(source.templates, diagnostics: &diagnostics)

        guard diagnostics.count == before, let name = fields["name"], let town = fields["town"],
              let website, let baseURL, let brandColour else { return nil }
        return School(
            slug: source.folder, name: name.value, shortName: fields["short_name"]?.value ?? name.value,
            town: town.value, type: fields["type"]?.value, website: website, complaintsURL: complaintsURL,
            baseURL: baseURL, brandColour: brandColour, logo: logo, unverified: source.unconfirmedValues,
            sections: sections, templateOverrides: overrides
        )
    }

    /// An absolute `https://` address with a host.
    static func httpsURL(_ value: Located<String>, key: String, diagnostics: inout [Diagnostic]) -> String? {
        let text = value.value
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text), let scheme = url.scheme,
              let host = url.host, !host.isEmpty, host.contains(".") else {
            diagnostics.append(Diagnostic(.malformedURL(key: key, value: text), at: value.location))
            return nil
        }
        // Pages, sitemaps and QR codes carry the address as written, where it must be ASCII.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            diagnostics.append(Diagnostic(.nonASCIIURL(key: key, value: text), at: value.location))
            return nil
        }
        guard scheme.lowercased() == "https" else {
            diagnostics.append(Diagnostic(.notHTTPS(key: key, value: text), at: value.location))
            return nil
        }
        guard key != "base_url" || (url.query == nil && url.fragment == nil) else {
            diagnostics.append(Diagnostic(.urlWithQuery(key: key, value: text), at: value.location))
            return nil
        }
        return text
    }

    /// - Parameter data: the file's bytes; nil when the loader could not read it (and
    ///   said why).
    private func validateLogo(_ logo: Located<String>, data: Data?, folder: String,
                              diagnostics: inout [Diagnostic]) -> Asset? {
        let fileExtension = (logo.value as NSString).pathExtension.lowercased()
        guard Self.logoExtensions.contains(fileExtension) else {
            diagnostics.append(Diagnostic(.unsupportedLogo(logo.value), at: logo.location))
            return nil
        }
        guard let data else { return nil }
        let problems = LogoCheck.check(data, fileExtension: fileExtension, path: "Schools/\(folder)/\(logo.value)")
        diagnostics += problems
        return problems.isEmpty ? Asset(name: "logo.\(fileExtension)", contents: data) : nil
    }

    private func validateSections(_ sources: [SectionSource], diagnostics: inout [Diagnostic]) -> [Section] {
        var replacedBy: [String: String] = [:]
        return sources.compactMap { source in
            guard SiteValidator.readableNesting(source.body, firstLine: source.bodyFirstLine, path: source.path,
                                                diagnostics: &diagnostics) else { return nil }
            let body = CommonMark.parse(source.body, firstLine: source.bodyFirstLine)
            SiteValidator.checkMarkdown(body, text: source.body, firstLine: source.bodyFirstLine, path: source.path,
                                        diagnostics: &diagnostics)
            let window = SiteValidator.validateWindow(source.window, diagnostics: &diagnostics)
            var kind = DocumentKind.codeOfConduct
            if let name = source.document {
                let targets = PageKind.documents(checked: .sectionTargets)
                guard let named = targets.first(where: { $0.rawValue == name.value }) else {
                    diagnostics.append(Diagnostic(.unknownDocument(name.value, known: targets.map(\.rawValue)),
                                                  at: name.location))
                    return nil
                }
                kind = named
                if absentDocuments.contains(kind) {
                    diagnostics.append(Diagnostic(.documentNotInSite(kind.rawValue, file: kind.path),
                                                  at: name.location))
                    return nil
                }
            }
            if PageKind.documents(checked: .pictures).contains(kind) {
                _ = IconCheck.checkPictures(in: source.body, firstLine: source.bodyFirstLine, path: source.path,
                                            icons: icons, diagnostics: &diagnostics)
            } else {
                IconCheck.refusePictures(in: source.body, firstLine: source.bodyFirstLine, path: source.path,
                                         diagnostics: &diagnostics)
            }
            guard source.placements.count == 1, let placement = source.placements.first else {
                let at = source.placements.dropFirst().first?.target.location ?? source.location
                diagnostics.append(Diagnostic(.sectionNeedsOnePlacement(found: source.placements.map(\.key)), at: at))
                return nil
            }
            // An empty section would add nothing, or silently take away the text it replaces.
            let hasText = body.blocks.contains { block in
                if case .content(_, let text, _) = block {
                    return !text.rendered().allSatisfy(\.isWhitespace)
                }
                return true
            }
            guard hasText else {
                diagnostics.append(Diagnostic(.emptySection, at: SourceLocation(path: source.path, line: source.bodyFirstLine, column: 1)))
                return nil
            }
            guard let document = documents[kind] else { return nil }
            let target = placement.target
            guard document.headingIDs.contains(target.value) else {
                diagnostics.append(Diagnostic(.unknownHeadingID(target.value, document: kind.rawValue, known: document.headingIDs),
                                              at: target.location))
                return nil
            }
            switch placement.key {
            case "after":
                return Section(path: source.path, document: kind, placement: .after(target.value), body: body,
                               window: window)
            case "before":
                return Section(path: source.path, document: kind, placement: .before(target.value), body: body,
                               window: window)
            default:
                guard document.replaceable.contains(target.value) else {
                    diagnostics.append(Diagnostic(.notReplaceable(target.value, document: kind.rawValue,
                                                                  replaceable: document.replaceable.sorted()),
                                                  at: target.location))
                    return nil
                }
                if let first = replacedBy["\(kind.rawValue)#\(target.value)"] {
                    diagnostics.append(Diagnostic(.replacedTwice(target.value, firstIn: first), at: target.location))
                    return nil
                }
                replacedBy["\(kind.rawValue)#\(target.value)"] = source.path
                return Section(path: source.path, document: kind, placement: .replace(target.value), body: body,
                               window: window)
            }
        }
    }

    /// A school may replace any template of `Templates/` with its own version; each
    /// one must parse, name only partials that exist, and pass `TemplateCheck` together
    /// with the shared templates it does not replace.
    private func validateOverrides(_ sources: [String: TemplateSource], diagnostics: inout [Diagnostic]) -> [String: MustacheTemplate] {
        let known = baseTemplates.keys.sorted()
        for (name, source) in sources where baseTemplates[name] == nil {
            diagnostics.append(Diagnostic(.unknownTemplateOverride(name, known: known), at: SourceLocation(path: source.path)))
        }
        let overriding = sources.filter { baseTemplates[$0.key] != nil }
        let before = diagnostics.count
        let compiled = SiteValidator.compile(overriding, available: Set(known), diagnostics: &diagnostics)
        if diagnostics.count == before, !overriding.isEmpty {
            let effective = baseTemplates.merging(overriding) { $1 }
            diagnostics += TemplateCheck.check(effective).filter { !baseTemplateProblems.contains($0) }
        }
        return compiled
    }
}

extension School {
    /// Each school's site is a folder of the output, and publishing writes
    /// `dist/<slug>-<version>.zip`: longer slugs would not fit in a file name.
    public static let maximumSlugLength = 64

    /// Names the output uses at its top level, beside the schools' folders (see
    /// SiteRenderer, OutputWriter, Pipeline.publish); names starting with "." are
    /// never slugs.
    static let reservedNames: Set<String> = [
        "index.html", "assets", "dist", "README.md", Manifest.fileName, ChangeReport.fileName,
        OutputWriter.markerName, BuildRecord.fileName,
    ]

    /// Why `slug` cannot name a school, or nil when it can.
    public static func slugProblem(_ slug: String) -> Diagnostic.Reason? {
        if !isValidSlug(slug) { return .invalidSlug(slug) }
        if reservedNames.contains(slug) { return .reservedSlug(slug) }
        if slug.count > maximumSlugLength { return .slugTooLong(length: slug.count, maximum: maximumSlugLength) }
        return nil
    }
}
