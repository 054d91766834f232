/// The kinds of page each school's site has, and everything the rest of the program
/// knows of each: what it shows and with which template, where it goes, its label in
/// the navigation, its files in the bundle and the checks its source gets. The
/// renderer, validator, bundle, sitemap and checks all read this table; adding a page
/// kind starts here (README: "How to add a page kind").
struct PageKind: Sendable {
    /// What the page shows, with the template that shows it.
    enum Layout: Sendable {
        case home(PageTemplate<HomePage>)
        /// A shared document, from its Markdown file under `Content/`.
        case document(DocumentKind, PageTemplate<DocumentPage>)
        case notFound(PageTemplate<NotFoundPage>)
    }

    /// Checks of the page's source document.
    enum Check: Sendable {
        /// `conduct check` reports its reading level.
        case readingLevel
        /// Its phone numbers and addresses must be in the register of sources.
        case sourceRegister
        /// Schools' sections may be placed in it (`document:` in a section).
        case sectionTargets
        /// Its points may start with a picture of `Content/icons/`, drawn beside them;
        /// each picture is checked, and every icon must be used.
        case pictures
    }

    /// A file of the school's bundle made from the page, for use away from the site.
    struct BundleFile: Sendable {
        enum Form: Sendable {
            /// The page through another template, its links made absolute.
            case page(PageTemplate<DocumentPage>)
            /// The same, for paper: it ends with the way to the Code, a QR code and
            /// its address (`PrintedCodeLink`).
            case printedPage(PageTemplate<DocumentPage>)
            /// The A5 poster: the expectations and the way to the Code, for paper.
            case poster(PageTemplate<PosterPage>)
            /// The document as plain text, for e-mail and messaging apps.
            case plainText
        }

        var name: String
        var form: Form
        /// What the bundle's README says of it.
        var readme: InterfaceText.Key
    }

    let id: String
    let layout: Layout
    /// The file within the school's site.
    let path: String
    /// Its link in every page's navigation, when it has one.
    let navigationLabel: InterfaceText.Key?
    let inSitemap: Bool
    let checks: Set<Check>
    let bundleFiles: [BundleFile]
    /// The reading age its document aims at or below, when `checks` has `.readingLevel`.
    var readingAgeAim = ReadingLevel.usualAim

    static let home = PageKind(id: "home", layout: .home(.home), path: "index.html", navigationLabel: .navigationHome,
                               inSitemap: true, checks: [], bundleFiles: [])
    static let codeOfConduct = PageKind(
        id: "code-of-conduct", layout: .document(.codeOfConduct, .document), path: "code-of-conduct/index.html",
        navigationLabel: .navigationCode, inSitemap: true, checks: [.readingLevel, .sourceRegister, .sectionTargets],
        bundleFiles: [BundleFile(name: "embed.html", form: .page(.embed), readme: .readmeEmbed)])
    /// The Code in Easy Read, for parents and carers who find the Code hard to read.
    static let easyRead = PageKind(
        id: "easy-read", layout: .document(.easyRead, .easyRead), path: "easy-read/index.html",
        navigationLabel: .navigationEasyRead, inSitemap: true,
        checks: [.readingLevel, .sourceRegister, .sectionTargets, .pictures],
        bundleFiles: [BundleFile(name: "embed-easy-read.html", form: .page(.embedEasyRead), readme: .readmeEmbedEasyRead)],
        readingAgeAim: 9)
    static let letter = PageKind(
        id: "letter", layout: .document(.letter, .document), path: "letter/index.html",
        navigationLabel: .navigationLetter, inSitemap: true, checks: [.readingLevel, .sourceRegister, .sectionTargets],
        bundleFiles: [BundleFile(name: "letter.txt", form: .plainText, readme: .readmeLetterText),
                      BundleFile(name: "letter-print.html", form: .printedPage(.letterPrint), readme: .readmeLetterPrint),
                      BundleFile(name: "poster.html", form: .poster(.poster), readme: .readmePoster)])
    static let notFound = PageKind(id: "not-found", layout: .notFound(.notFound), path: "404.html", navigationLabel: nil,
                                   inSitemap: false, checks: [], bundleFiles: [])

    /// Every page kind, in the order of the navigation, the sitemap and the bundle.
    static let all: [PageKind] = [home, codeOfConduct, easyRead, letter, notFound]

    /// The shared document the page shows, if any.
    var document: DocumentKind? {
        // A switch rather than `if case` as an expression: Swift 6.3.1's optimiser
        // crashes on the latter in release builds ("Found outside of lifetime use").
        switch layout {
        case .document(let kind, _): kind
        case .home, .notFound: nil
        }
    }

    /// The template the page is rendered with.
    var templateName: String {
        switch layout {
        case .home(let template): template.name
        case .document(_, let template): template.name
        case .notFound(let template): template.name
        }
    }

    /// The page's address within the school's site: "" for the home page,
    /// "code-of-conduct/" for `code-of-conduct/index.html`.
    var address: String {
        path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// The page kind that shows `document`.
    static func showing(_ document: DocumentKind) -> PageKind? {
        all.first { $0.document == document }
    }

    /// The shared documents whose source gets `check`, in table order.
    static func documents(checked check: Check) -> [DocumentKind] {
        all.filter { $0.checks.contains(check) }.compactMap(\.document)
    }

    /// Whether the page is on a site built from `documents`: a document's page only
    /// while its document is published.
    func isPublished(in documents: [DocumentKind: SharedDocument]) -> Bool {
        document.map { documents[$0] != nil } ?? true
    }
}
