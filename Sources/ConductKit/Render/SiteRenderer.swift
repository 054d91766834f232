import Foundation
import Markdown
import Mustache

/// Stage 3: turns a validated `Site` into files, as values. Pure: it reads no disk,
/// no clock and no environment, so the same site always gives the same bytes.
///
/// What every school shares is prepared once, when the renderer is made; schools can
/// then be rendered one at a time, on any thread.
public struct SiteRenderer: Sendable {
    public let site: Site
    private let members: MemberSchools
    /// The interface text of the English pages and of each translation's language.
    private let englishText: PageTextTemplate
    private let translatedText: [String: PageTextTemplate]

    public init(_ site: Site) {
        self.site = site
        members = MemberSchools(site.directory)
        englishText = PageTextTemplate(site.text)
        translatedText = site.interfaceText.mapValues(PageTextTemplate.init)
    }

    /// Every file of the sites of `site.schools`, plus the consortium's index page.
    ///
    /// - Parameter keptSchools: slugs whose sites are not rebuilt but stay published
    ///   from an earlier build (`--school`), so the index page still links them.
    public func render(keptSchools: Set<String> = []) -> [OutputFile] {
        site.schools.flatMap { render($0) } + consortiumFiles(keptSchools: keptSchools)
    }

    /// The consortium's index page and the stylesheet it uses.
    func consortiumFiles(keptSchools: Set<String>) -> [OutputFile] {
        [OutputFile(path: "index.html", text: renderConsortiumPage(keptSchools: keptSchools))]
            + site.assets.map { OutputFile(path: "assets/\($0.name)", contents: $0.contents) }
    }

    /// The number of pages `render` makes: each school's pages of every kind whose
    /// document is published, and the consortium's index.
    var pageCount: Int {
        pageCount(schools: site.schools.count)
    }

    /// The number of pages of a build of `schools` schools with this site's documents.
    func pageCount(schools: Int) -> Int {
        schools * pagesPerSchool + 1
    }

    /// One of every kind whose document is published, and one for each translation.
    private var pagesPerSchool: Int {
        PageKind.all.filter { $0.isPublished(in: site.documents) }.count + site.translations.count
    }

    /// One school's site: its pages, assets and sitemap.
    func render(_ school: School) -> [OutputFile] {
        let library = library(for: school)
        let page = pageContext(for: school)
        let base = school.slug + "/"
        var files: [OutputFile] = []
        func add<Values>(_ path: String, _ template: PageTemplate<Values>, _ values: Values) {
            files.append(OutputFile(path: base + path, text: library.render(values, with: template)))
        }

        for kind in PageKind.all {
            switch kind.layout {
            case .home(let template):
                add(kind.path, template, page.home())
            case .document(let documentKind, let template):
                guard let document = site.documents[documentKind] else { continue }
                add(kind.path, template, page.document(document))
            case .notFound(let template):
                add(kind.path, template, page.notFound())
            }
        }
        // Each translation's page, in its language's folder: `pl/code-of-conduct/index.html`.
        for translation in site.translations {
            guard let english = site.documents[translation.kind], let kind = PageKind.showing(translation.kind),
                  case .document(_, let template) = kind.layout else { continue }
            let context = PageContext(school: school, site: site, members: members, language: translation.language,
                                      text: translatedText[translation.language.description] ?? englishText)
            add("\(translation.language)/\(kind.path)", template, context.document(translation, english: english))
        }
        files += site.assets.map { OutputFile(path: base + "assets/\($0.name)", contents: $0.contents) }
        if let logo = school.logo {
            files.append(OutputFile(path: base + "assets/\(logo.name)", contents: logo.contents))
        }
        files.append(OutputFile(path: base + "sitemap.xml",
                                text: Self.sitemap(for: school, documents: site.documents, translations: site.translations)))
        return files
    }

    /// The values a school's templates see.
    func pageContext(for school: School) -> PageContext {
        PageContext(school: school, site: site, members: members, text: englishText)
    }

    /// The site's templates with the school's own versions in place of any it overrides.
    func library(for school: School) -> MustacheLibrary {
        var library = MustacheLibrary(templates: site.templates)
        for (name, template) in school.templateOverrides {
            library.register(template, named: name)
        }
        return library
    }

    /// The public pages, with absolute addresses from the school's `base_url`. A page in
    /// several languages is listed in each, with every version as an alternate.
    static func sitemap(for school: School, documents: [DocumentKind: SharedDocument], translations: [Translation]) -> String {
        var urls = ""
        for kind in PageKind.all where kind.inSitemap && kind.isPublished(in: documents) {
            let translated = translations.filter { $0.kind == kind.document }
            let versions = [(InterfaceText.mainLanguage, kind.address)] + translated.map { ("\($0.language)", "\($0.language)/" + kind.address) }
            let alternates = translated.isEmpty ? "" : (versions + [("x-default", kind.address)]).map { lang, address in
                "    <xhtml:link rel=\"alternate\" hreflang=\"\(lang)\" href=\"\(HTML.escape(school.baseURL + address))\"/>\n"
            }.joined()
            for (_, address) in translated.isEmpty ? [versions[0]] : versions {
                urls += alternates.isEmpty ? "  <url><loc>\(HTML.escape(school.baseURL + address))</loc></url>\n"
                    : "  <url>\n    <loc>\(HTML.escape(school.baseURL + address))</loc>\n\(alternates)  </url>\n"
            }
        }
        let namespaces = translations.isEmpty ? "" : " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\(namespaces)>
            \(urls)</urlset>

            """
    }

    private func renderConsortiumPage(keptSchools: Set<String>) -> String {
        let library = MustacheLibrary(templates: site.templates)
        let built = Set(site.schools.map(\.slug)).union(keptSchools)
        let schools = site.directory.sorted { $0.name < $1.name }.map { school in
            ConsortiumPage.SchoolEntry(name: school.name, town: school.town, type: school.type ?? "",
                                       has_type: school.type != nil, href: "\(school.slug)/",
                                       built: built.contains(school.slug))
        }
        let text = site.text
        let association = ["association": site.association]
        let page = PageInfo(
            title: text.text(.titleConsortium, association),
            description: text.text(.descriptionConsortium, association),
            root: "", brand_colour: site.defaultBrandColour.hex, has_canonical: false, is_draft: false, is_not_found: false,
            site_name: site.association, locale: text.text(.openGraphLocale)
        )
        let values = ConsortiumPage(strings: englishText.fill(association.merging(["count": String(schools.count)]) { $1 }),
                                    association: AssociationValues(name: site.association), page: page,
                                    schools: schools, school_count: schools.count)
        return library.render(values, with: .consortium)
    }
}
