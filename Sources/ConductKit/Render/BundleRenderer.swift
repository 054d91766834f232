import Foundation
import Mustache

/// The files a school's web administrator receives besides the site, for websites
/// that cannot host the site as it is, and for sending the letter home. Pure, like
/// the rest of rendering.
enum BundleRenderer {
    static let readmeName = "README.txt"
    /// The bundle's folder that holds the school's site.
    static let siteFolder = "site"

    /// The bundle files of every page kind (`PageKind.bundleFiles`), in the table's
    /// order, and `README.txt`, named by their file name alone; nil when the Code or
    /// the letter is not published.
    static func render(_ school: School, with renderer: SiteRenderer, version: String) -> [OutputFile]? {
        let site = renderer.site
        guard site.documents[.codeOfConduct] != nil, site.documents[.letter] != nil else { return nil }
        let library = renderer.library(for: school)
        let page = renderer.pageContext(for: school)
        var files: [OutputFile] = []
        var described: [(name: String, readme: InterfaceText.Key)] = []
        for kind in PageKind.all where !kind.bundleFiles.isEmpty {
            guard let document = kind.document.flatMap({ site.documents[$0] }) else { continue }
            let address = school.baseURL + kind.address
            for file in kind.bundleFiles {
                let text = switch file.form {
                case .page(let template):
                    HTMLLinks.absolute(library.render(page.standalone(document), with: template), page: address)
                case .plainText:
                    plainText(document, of: school, page: page)
                }
                files.append(OutputFile(path: file.name, text: text))
                described.append((file.name, file.readme))
            }
        }
        return files + [OutputFile(path: readmeName, text: readme(for: school, version: version, site: site, files: described))]
    }

    /// A document for e-mail and messaging apps, framed by the school's name, the launch
    /// date, and the addresses of the document and of the Code.
    private static func plainText(_ document: SharedDocument, of school: School, page: PageContext) -> String {
        let text = page.text
        let ownAddress = school.baseURL + PageContext.pageKind(of: document).address
        let codeAddress = school.baseURL + PageKind.codeOfConduct.address
        return """
            \(school.name)
            \(text.date(page.site.campaign.launch))

            \(document.title)

            \(page.plainText(document))

            --
            \(text.text(.letterTextOnline, ["address": ownAddress]))
            \(text.text(.letterTextCode, ["address": codeAddress]))

            """
    }

    private static func readme(for school: School, version: String, site: Site,
                               files: [(name: String, readme: InterfaceText.Key)]) -> String {
        let text = site.text
        let siteText = text.text(.readmeSite, ["address": school.baseURL, "not_found_page": PageKind.notFound.path])
        let parts = [(name: "\(siteFolder)/", text: siteText)] + files.map { (name: $0.name, text: text.text($0.readme)) }
        return """
            \(text.text(.readmeHeading, ["school": school.name, "version": version]))
            \(text.text(.readmeFrom, ["association": site.association, "launch": text.date(site.campaign.launch)]))

            \(parts.map { "\($0.name)\n\(indented($0.text))" }.joined(separator: "\n\n"))

            """ + stillToConfirm(school, text: text)
    }

    /// Values published before the school confirmed them (`--allow-unverified`), so
    /// that the school can check them before the pages go up.
    private static func stillToConfirm(_ school: School, text: InterfaceText) -> String {
        guard !school.unverified.isEmpty else { return "" }
        let lines = school.unverified.map { value in
            "\(value.key): " + (value.value ?? text.text(.readmeNotSet))
                + (value.key == "complaints_url" && value.value == nil ? ", " + text.text(.readmeComplaintsFallback) : "")
        }
        return """
            \(text.text(.readmeUnconfirmedHeading))
            \(text.text(.readmeUnconfirmed))

            \(indented(lines.joined(separator: "\n")))

            """
    }

    /// Every line moved in by four spaces, as the README lays out what it describes.
    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n")
    }
}

/// Makes the addresses in generated HTML absolute, for files that are read away from
/// the site (pasted into another website, or printed).
enum HTMLLinks {
    /// Every relative `href` and `src` value resolved against `page`; links within the
    /// page (`#…`) and `data:` addresses stay as they are.
    static func absolute(_ html: String, page: String) -> String {
        guard let base = URL(string: page) else { return html }
        var result = ""
        var rest = html[...]
        while let attribute = rest.range(of: #"(?:href|src)=""#, options: .regularExpression) {
            result += rest[..<attribute.upperBound]
            rest = rest[attribute.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let escaped = String(rest[..<end])
            let address = escaped.replacingOccurrences(of: "&amp;", with: "&")
            if address.hasPrefix("#") || address.hasPrefix("data:") || URL(string: address)?.scheme != nil {
                result += escaped
            } else {
                let resolved = URL(string: address, relativeTo: base)?.absoluteString ?? address
                result += resolved.replacingOccurrences(of: "&", with: "&amp;")
            }
            rest = rest[end...]
        }
        return result + rest
    }
}
