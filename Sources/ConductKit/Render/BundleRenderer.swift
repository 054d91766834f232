import Foundation
import Mustache

/// The files a school's web administrator receives besides the site, for websites
/// that cannot host the site as it is, and for sending the letter home. Pure, like
/// the rest of rendering.
enum BundleRenderer {
    /// What each file is for, in the order the README lists them.
    static let embedName = "embed.html"
    static let letterTextName = "letter.txt"
    static let printLetterName = "letter-print.html"
    static let posterName = "poster.html"
    static let readmeName = "README.txt"

    /// `embed.html`, `letter.txt`, `letter-print.html`, `poster.html` and `README.txt`,
    /// named by their file name alone; nil when the Code or the letter is not published.
    /// Throws when libqrencode cannot make the QR code (the validator has checked that
    /// the address fits one).
    static func render(_ school: School, with renderer: SiteRenderer, version: String) throws(Diagnostic) -> [OutputFile]? {
        let site = renderer.site
        guard let code = site.documents[.codeOfConduct], let letter = site.documents[.letter] else { return nil }
        let library = renderer.library(for: school)
        let page = renderer.pageContext(for: school)
        let codeAddress = PrintedCodeLink.address(baseURL: school.baseURL)
        let letterAddress = school.baseURL + letter.kind.outputFolder + "/"
        let codeLink: CodeLinkValues
        switch PrintedCodeLink.values(for: school) {
        case .success(let values): codeLink = values
        case .failure(let failure):
            throw Diagnostic(.qrCodeNotMade(codeAddress, problem: "\(failure)"),
                             at: SourceLocation(path: "Schools/\(school.slug)/school.yml"))
        }

        let embed = library.render(page.standalone(code), with: .embed)
        var printableValues = page.standalone(letter)
        printableValues.code_link = codeLink
        let printable = library.render(printableValues, with: .letterPrint)
        let poster = library.render(page.poster(codeLink: codeLink), with: .poster)
        let letterText = """
            \(school.name)
            \(site.campaign.launch.british)

            \(letter.title)

            \(page.plainText(letter))

            --
            This letter online: \(letterAddress)
            The full Social Media Code of Conduct: \(codeAddress)

            """
        return [
            OutputFile(path: embedName, text: HTMLLinks.absolute(embed, page: codeAddress)),
            OutputFile(path: letterTextName, text: letterText),
            OutputFile(path: printLetterName, text: HTMLLinks.absolute(printable, page: letterAddress)),
            OutputFile(path: posterName, text: HTMLLinks.absolute(poster, page: school.baseURL)),
            OutputFile(path: readmeName, text: readme(for: school, version: version, site: site, codeAddress: codeAddress)),
        ]
    }

    private static func readme(for school: School, version: String, site: Site, codeAddress: String) -> String {
        """
        Social Media Code of Conduct for \(school.name), version \(version)
        From the \(site.association). Launch day: \(site.campaign.launch.british).

        site/
            The pages, ready to upload. Put the contents of this folder at
            \(school.baseURL)
            so that the pages' own links and the sitemap work. 404.html is the page
            for addresses that do not exist; set it as the folder's error page if
            your web server allows.

        \(embedName)
            For website editors that only accept pasted HTML: the whole Code, with
            its own styles and no page header or footer. Paste it into an HTML
            block on a page of its own. Its links go to the pages above.

        \(letterTextName)
            The letter to parents and carers as plain text, for e-mail and for
            messaging apps. Copy and paste it; the addresses are written in full.

        \(printLetterName)
            The letter with the school's name at the top, ready to print on A4 or
            to save as a PDF from the browser's Print command. Its QR code leads
            to the Code at \(codeAddress)

        \(posterName)
            An A5 poster for reception and for newsletters: the four things we
            ask of parents and carers, and a QR code of the Code's address with
            the address written beside it. Print it from the browser, in colour
            or in black and white, or save it as a PDF.

        """ + stillToConfirm(school)
    }

    /// Values published before the school confirmed them (`--allow-unverified`), so
    /// that the school can check them before the pages go up.
    private static func stillToConfirm(_ school: School) -> String {
        guard !school.unverified.isEmpty else { return "" }
        let lines = school.unverified.map { value in
            "    \(value.key): " + (value.value ?? "(not set)")
                + (value.key == "complaints_url" && value.value == nil ? ", so the pages link to the school's website" : "")
        }
        return """
            STILL TO BE CONFIRMED
            These values were published before the school confirmed them. Please
            check each one and tell the consortium what is right:

            \(lines.joined(separator: "\n"))

            """
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
