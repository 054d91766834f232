@testable import PreviewServer
import Testing

@Suite struct RequestPathTests {
    @Test(arguments: [
        ("/", "index.html"),
        ("/code-of-conduct/", "code-of-conduct/index.html"),
        ("/assets/site.css", "assets/site.css"),
        ("/assets/my%20logo.svg", "assets/my logo.svg"),
        ("/404.html", "404.html"),
    ])
    func namesAFileOfTheSite(raw: String, file: String) {
        #expect(RequestPath(raw)?.file == file)
    }

    @Test(arguments: [
        "/..", "/../etc/passwd", "/assets/../../secret", "/%2e%2e/secret", "/%2E%2E%2Fsecret", "/.%2e/secret",
        "/assets/..%2f..%2fsecret", "/assets%2fsite.css", "/assets%5csite.css", "/assets\\site.css", "/..\\secret",
        "//etc/passwd", "/assets//site.css", "/./index.html", "/assets/%00", "/a%0Ab", "/a b", "/%zz",
        "etc/passwd", "*", "/caf\u{e9}",
    ])
    func refusesAnythingThatCouldLeaveTheSite(raw: String) {
        #expect(RequestPath(raw) == nil)
    }
}

@Suite struct LocalLinksTests {
    let links = LocalLinks(baseURL: "https://www.alpha.example.sch.uk/parents/social-media/")

    @Test func pointsTheNotFoundPagesRootRelativeLinksAtTheRoot() {
        let page = #"<link rel="stylesheet" href="/parents/social-media/assets/site.css"><a href="/parents/social-media/letter/">"#
        #expect(links.rewrite(page, origin: "http://127.0.0.1:8000")
            == #"<link rel="stylesheet" href="/assets/site.css"><a href="/letter/">"#)
    }

    @Test func pointsCanonicalLinksAndTheSitemapAtThePreview() {
        let page = #"<link rel="canonical" href="https://www.alpha.example.sch.uk/parents/social-media/letter/">"#
            + "<loc>https://www.alpha.example.sch.uk/parents/social-media/</loc>"
        #expect(links.rewrite(page, origin: "http://127.0.0.1:8000")
            == #"<link rel="canonical" href="http://127.0.0.1:8000/letter/">"# + "<loc>http://127.0.0.1:8000/</loc>")
    }

    @Test func leavesOtherLinksAlone() {
        let page = #"<a href="https://www.alpha.example.sch.uk/">site</a><a href="letter/">letter</a><p>/parents/social-media/</p>"#
        #expect(links.rewrite(page, origin: "http://127.0.0.1:8000") == page)
    }

    @Test func readsPathsAsTheTemplatesEscapeThem() {
        let escaped = LocalLinks(baseURL: "https://example.org/a&b/")
        #expect(escaped.rewrite(#"<a href="/a&amp;b/letter/">"#, origin: "http://localhost:1") == #"<a href="/letter/">"#)
    }
}

@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("assets/site.css", "text/css; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"), ("assets/logo.svg", "image/svg+xml"),
        ("assets/logo.PNG", "image/png"), ("assets/logo.jpeg", "image/jpeg"), ("assets/logo.webp", "image/webp"),
        ("assets/notes", "application/octet-stream"), ("assets/archive.tar.gz", "application/octet-stream"),
    ])
    func followsTheFileExtension(path: String, type: String) {
        #expect(MediaType.forFile(path) == type)
    }
}
