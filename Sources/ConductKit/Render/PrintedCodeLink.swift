import QRCode
import Markdown

/// The way from a school's paper (the printed letter and the poster) to its Code: the
/// address printed in full, and a QR code of it for a phone's camera.
enum PrintedCodeLink {
    /// Quartile correction: a quarter of the symbol may be lost and it still reads, where
    /// medium allows about a sixth. Letters are folded and crumpled in school bags, and the
    /// poster is photocopied into newsletters and pinned up in reception. The cost is a
    /// slightly larger symbol: the longest school address needs version 7 (45 modules)
    /// instead of 6, still about 0.65 mm a module at the printed 35 mm.
    static let correction = QRCode.Correction.quartile

    /// The longest address printed as a QR code: what a version 10 symbol (57 modules)
    /// holds at quartile correction in 8-bit mode. At the printed 35 mm its modules are
    /// about 0.55 mm, as small as phone cameras read reliably at arm's length; a longer
    /// address is refused when the school is validated.
    static let longestAddress = 151

    /// The id of the heading above the QR code (Templates/partials/code-link.mustache).
    static let headingID = "code-link-heading"

    /// The address of a school's Code, made from its `base_url`.
    static func address(baseURL: String) -> String {
        baseURL + PageKind.codeOfConduct.address
    }

    /// The address and its QR code as the letter and poster templates see them; the
    /// code's text alternative names the address, in the words of `text`.
    static func values(for school: School, text: InterfaceText) -> Result<CodeLinkValues, QRCode.Failure> {
        let address = address(baseURL: school.baseURL)
        return QRCode.encode(address, correction: correction).map { code in
            CodeLinkValues(address: address, address_html: HTMLText(printable(address)),
                           qr_code: HTMLText(code.svg(label: text.text(.qrCodeLabel, ["address": address]))))
        }
    }

    /// The address escaped, with a line-break opportunity after each `/` of its path, so
    /// that a narrow box breaks it between its parts ("…sch.uk/" then "social-media-…")
    /// rather than inside a word, where a reader copying it by hand would not know
    /// whether a letter belongs to the line before. (The templates' `overflow-wrap:
    /// anywhere` breaks inside a part only when the part alone is wider than the line,
    /// as on a 320 px phone.)
    static func printable(_ address: String) -> String {
        guard let scheme = address.range(of: "://") else { return HTML.escape(address) }
        let path = address[scheme.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        return HTML.escape(String(address[..<scheme.upperBound]))
            + path.map { HTML.escape(String($0)) }.joined(separator: "/<wbr>")
    }
}
