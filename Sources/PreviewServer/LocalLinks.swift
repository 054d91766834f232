import Foundation
import Markdown

/// Makes a published page's links work on the preview's address.
///
/// Pages link to each other relatively, which works anywhere. The exceptions point at
/// where the site will be published (the school's `base_url`): the 404 page uses
/// root-relative paths such as `/parents/social-media/assets/site.css`, because it is
/// served at any depth, and canonical links and the sitemap use absolute addresses.
/// The preview serves the school's folder at `/`, so both are pointed there.
struct LocalLinks: Sendable, Equatable {
    /// As written in the pages: HTML-escaped, as the templates and the sitemap write it.
    private let absoluteBase: String
    private let pathBase: String

    /// `baseURL` ends with "/", as `School.baseURL` does.
    init(baseURL: String) {
        absoluteBase = HTML.escape(baseURL)
        // The renderer derives the 404 page's root-relative links the same way.
        let path = URL(string: baseURL)?.path(percentEncoded: true) ?? "/"
        pathBase = HTML.escape(path.hasSuffix("/") ? path : path + "/")
    }

    /// `text` (an HTML page or the sitemap) with every link into the published site,
    /// in an attribute or a `<loc>`, pointing at `origin` (`http://127.0.0.1:8000`) instead.
    func rewrite(_ text: String, origin: String) -> String {
        var text = text
        for opening in ["=\"", "<loc>"] {
            text = text.replacingOccurrences(of: opening + absoluteBase, with: opening + HTML.escape(origin) + "/")
        }
        if pathBase != "/" {
            text = text.replacingOccurrences(of: "=\"" + pathBase, with: "=\"/")
        }
        return text
    }
}
