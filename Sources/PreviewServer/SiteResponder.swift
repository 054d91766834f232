import Foundation
import Hummingbird

/// Answers every request from the preview's state: the school's files at `/`, the
/// 404 page for anything else, and the event stream that tells pages to reload.
/// Files come only from the built site in memory; nothing is read from disk here.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let state: PreviewState

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "The preview only answers GET and HEAD.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let response = await answer(request)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func answer(_ request: Request) async -> Response {
        guard let path = RequestPath(request.uri.path) else {
            return Self.text(.badRequest, "This address is not allowed.\n")
        }
        if request.uri.path == PreviewPage.eventsPath {
            return await events(known: request.uri.queryParameters["version"].map(String.init))
        }
        guard let origin = Self.origin(authority: request.head.authority) else {
            return Self.text(.badRequest, "The request has no valid Host header.\n")
        }
        let view = await state.view
        guard let site = view.site else {
            return Self.page(.internalServerError, PreviewPage.problemsOnly(view.problems, version: view.version))
        }
        if let contents = site.files[path.file] {
            return Self.file(path.file, contents, status: .ok, site: site, view: view, origin: origin)
        }
        if !path.isFolder, site.files[path.file + "/index.html"] != nil {
            // As on a web server: relative links in the page only work below the folder's address.
            var response = Self.text(.movedPermanently, "Moved to \(request.uri.path)/\n")
            response.headers[.location] = request.uri.path + "/"
            return response
        }
        guard let notFound = site.files["404.html"] else {
            return Self.text(.notFound, "Not found.\n")
        }
        return Self.file("404.html", notFound, status: .notFound, site: site, view: view, origin: origin)
    }

    /// Server-Sent Events: one `reload` event, carrying the new version, each time what
    /// the pages show changes.
    private func events(known: String?) async -> Response {
        let announcements = await state.announcements(known: known)
        let body = ResponseBody { writer in
            // Sent at once, so that the browser sees the stream open; `retry` is how soon it
            // reconnects if the preview restarts.
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            for await version in announcements {
                try await writer.write(ByteBuffer(string: "event: reload\ndata: \(version)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.headers(contentType: MediaType.eventStream), body: body)
    }

    /// A file of the site; pages and the sitemap get local links, and pages the reload
    /// script and, while the site has problems, the overlay listing them.
    private static func file(_ path: String, _ contents: Data, status: HTTPResponse.Status, site: ServedSite,
                             view: PreviewState.View, origin: String) -> Response {
        let type = MediaType.forFile(path)
        guard path.hasSuffix(".html") || path.hasSuffix(".xml"), let text = String(data: contents, encoding: .utf8) else {
            return Response(status: status, headers: headers(contentType: type), body: ResponseBody(byteBuffer: ByteBuffer(bytes: contents)))
        }
        var local = site.links.rewrite(text, origin: origin)
        if path.hasSuffix(".html") {
            local = PreviewPage.decorate(local, version: view.version, problems: view.problems)
        }
        return Response(status: status, headers: headers(contentType: type), body: ResponseBody(byteBuffer: ByteBuffer(string: local)))
    }

    private static func page(_ status: HTTPResponse.Status, _ html: String) -> Response {
        Response(status: status, headers: headers(contentType: MediaType.html), body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    private static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: headers(contentType: MediaType.plainText), body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    /// Every response says what it is, forbids guessing otherwise, and is never cached:
    /// the next edit changes it.
    private static func headers(contentType: String) -> HTTPFields {
        var fields: HTTPFields = [.contentType: contentType, .cacheControl: "no-store"]
        fields[.init("X-Content-Type-Options")!] = "nosniff"
        return fields
    }

    /// `http://` and the Host header the browser used, so that links work whichever
    /// name it reached the preview by; nil unless it looks like a host and port.
    static func origin(authority: String?) -> String? {
        guard let authority, !authority.isEmpty, authority.count <= 255,
              authority.allSatisfy(hostCharacters.contains) else { return nil }
        return "http://" + authority
    }

    private static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
}
