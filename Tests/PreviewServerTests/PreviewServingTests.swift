import ConductKit
import Foundation
@testable import PreviewServer
import TestSupport
import Testing

/// The preview serves the school as `conduct build` would publish it, at `/`.
@Suite struct PreviewServingTests {
    /// What the pipeline makes for the school, to compare with what is served.
    func published(_ harness: PreviewHarness, _ path: String) throws -> Data {
        let files = try Pipeline.render(root: harness.fixture.root, schools: [PreviewHarness.school], asOf: Date(), includeDrafts: true).files
        return try #require(files.first { $0.path == "\(PreviewHarness.school)/\(path)" }).contents
    }

    func withoutReloadScript(_ page: String) -> String {
        guard let start = page.range(of: "<script>\n// Added by conduct preview"),
              let end = page.range(of: "</script>\n", range: start.upperBound..<page.endIndex) else { return page }
        return page.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
    }

    @Test func servesEveryPageAsPublishedWithLocalLinksAndTheReloadScript() async throws {
        let harness = try await PreviewHarness()
        let origin = "http://127.0.0.1:\(harness.port)"
        let links = LocalLinks(baseURL: "https://www.alpha.example.sch.uk/parents/social-media/")
        for (target, file) in [("/", "index.html"), ("/code-of-conduct/", "code-of-conduct/index.html"),
                               ("/easy-read/", "easy-read/index.html"), ("/letter/", "letter/index.html")] {
            let reply = try await harness.get(target)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
            #expect(reply.headers["x-content-type-options"] == "nosniff")
            let published = String(decoding: try published(harness, file), as: UTF8.self)
            #expect(withoutReloadScript(reply.text) == links.rewrite(published, origin: origin))
            #expect(reply.text.contains(#"new EventSource("/__preview/events?version="#))
            #expect(reply.text.contains(#"<link rel="canonical" href="\#(origin)/"#))
            #expect(!reply.text.contains("conduct-preview-errors"))
        }
        let sitemap = try await harness.get("/sitemap.xml")
        #expect(sitemap.headers["content-type"] == "application/xml; charset=utf-8")
        #expect(sitemap.text.contains("<loc>\(origin)/letter/</loc>"))
        #expect(!sitemap.text.contains("<script>"))
        for (target, type) in [("/assets/site.css", "text/css; charset=utf-8"), ("/assets/logo.svg", "image/svg+xml")] {
            let reply = try await harness.get(target)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == type)
            #expect(reply.headers["x-content-type-options"] == "nosniff")
            #expect(reply.body == (try published(harness, String(target.dropFirst()))))
        }
        try await harness.stop()
    }

    @Test func servesTranslationsDraftsIncludedWithTheirAlternatesOnThePreview() async throws {
        let harness = try await PreviewHarness { fixture in
            let overlay = FixtureSite.fixtures.appendingPathComponent("translated")
            for path in ["Content/translations/pl/code-of-conduct.md", "Content/translations/pl/parent-letter.md",
                         "Content/translations/ur/code-of-conduct.md", "Content/strings/pl.yml", "Content/strings/ur.yml"] {
                try fixture.write(try String(contentsOf: overlay.appendingPathComponent(path), encoding: .utf8), to: path)
            }
        }
        let origin = "http://127.0.0.1:\(harness.port)"
        // The Urdu Code is a draft: the preview shows it, as `--drafts` does.
        let urdu = try await harness.get("/ur/code-of-conduct/")
        #expect(urdu.status == 200)
        #expect(urdu.text.contains(#"<html lang="ur" dir="rtl">"#))
        #expect(urdu.text.contains(#"<link rel="canonical" href="\#(origin)/ur/code-of-conduct/">"#))
        #expect(urdu.text.contains(#"<link rel="alternate" hreflang="pl" href="\#(origin)/pl/code-of-conduct/">"#))
        #expect(urdu.text.contains(#"<meta property="og:url" content="\#(origin)/ur/code-of-conduct/">"#))
        #expect(try await harness.get("/pl/letter/").status == 200)
        try await harness.stop()
    }

    @Test func unknownAddressesGetTheStyledNotFoundPageWithWorkingLinks() async throws {
        let harness = try await PreviewHarness()
        for target in ["/no-such-page", "/deep/down/no/such/page.html", "/assets/", "/assets/missing.css"] {
            let reply = try await harness.get(target)
            #expect(reply.status == 404, "\(target)")
            #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
            #expect(reply.text.contains("<h1>Page not found</h1>"))
            #expect(reply.text.contains(#"<link rel="stylesheet" href="/assets/site.css">"#))
            #expect(reply.text.contains(#"<img class="site-logo" src="/assets/logo.svg""#))
            #expect(reply.text.contains(#"<a href="/code-of-conduct/">"#))
            #expect(!reply.text.contains("/parents/social-media/"))
            #expect(reply.text.contains("new EventSource("))
        }
        #expect(try await harness.get("/assets/site.css").status == 200)
        try await harness.stop()
    }

    @Test func aFolderAskedForWithoutItsSlashIsRedirected() async throws {
        let harness = try await PreviewHarness()
        let reply = try await harness.get("/letter")
        #expect(reply.status == 301)
        #expect(reply.headers["location"] == "/letter/")
        try await harness.stop()
    }

    @Test func headHasTheHeadersOnlyAndOtherMethodsAreRefused() async throws {
        let harness = try await PreviewHarness()
        let head = try await harness.get("/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/html; charset=utf-8")
        #expect(Int(head.headers["content-length"] ?? "") ?? 0 > 0)
        for method in ["POST", "PUT", "DELETE"] {
            let reply = try await harness.get("/", method: method)
            #expect(reply.status == 405)
            #expect(reply.headers["allow"] == "GET, HEAD")
        }
        try await harness.stop()
    }

    @Test func aRequestWithoutAUsableHostIsRefused() async throws {
        let harness = try await PreviewHarness()
        #expect(try await harness.get("/", host: "").status == 400)
        #expect(try await harness.get("/", host: "evil\"><script>").status == 400)
        try await harness.stop()
    }

    /// Secrets beside the site and outside it.
    static let secret = "TOP-SECRET-\(UUID().uuidString)"

    @Test func requestsThatTryToLeaveTheSiteAreRefusedWithoutReadingAnything() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("conduct-secret-\(UUID().uuidString).txt")
        try Data(Self.secret.utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        // Links in the site's own folders are refused when it is read (LoaderSafetyTests),
        // so the site here has none: the addresses below name them all the same.
        let harness = try await PreviewHarness { fixture in
            try fixture.write(Self.secret, to: "secret.txt")
        }
        let name = outside.lastPathComponent
        let targets = [
            "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/assets/..%5C..%5Csecret.txt",
            "/assets\\..\\..\\secret.txt", "//etc/passwd", "/%2Fetc%2Fpasswd", "/../../../../../../etc/passwd",
            "/assets/../../../\(name)", "/../../\(name)", "/%2e%2e/%2e%2e/%2e%2e/tmp/\(name)", "/secret.txt",
            "/Schools/alpha-academy/school.yml", "/assets/linked.css", "/assets/linked.svg", "/linked.svg",
            "/assets/%00", "http://127.0.0.1/../secret.txt", "/etc/passwd",
        ]
        for target in targets {
            let reply = try await harness.get(target)
            #expect([400, 404].contains(reply.status), "\(target): \(reply.status)")
            #expect(!reply.text.contains("TOP-SECRET"), "\(target)")
            #expect(!reply.text.contains("root:x:0"), "\(target)")
        }
        try await harness.stop()
    }
}
