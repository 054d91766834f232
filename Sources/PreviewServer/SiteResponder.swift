import Foundation
import Hummingbird
import NIOCore

/// Answers every request from the preview's state: the school's files at `/`, the
/// 404 page for anything else, and the event stream that tells pages to reload.
/// Files come only from the built site in memory; nothing is read from disk here.
struct SiteResponder: HTTPResponder {
    typealias Context = PreviewRequestContext

    let state: PreviewState
    /// The address the preview was asked to listen on (`--host`).
    let listeningHost: String

    func respond(to request: Request, context: Context) async throws -> Response {
        let origin: String
        let local = context.channel.localAddress
        // The first Host header becomes the authority; any other is left among the headers.
        let host = request.headers[Self.extraHost] == nil ? request.head.authority : nil
        switch RequestHost.check(host, arrivedAt: local?.ipAddress, port: local?.port, listeningHost: listeningHost) {
        case .origin(let own):
            origin = own
        case .missing:
            return Self.text(.badRequest, "The request needs one valid Host header.\n")
        case .foreign:
            // Never the name that was sent: the page must not show what a rebinding site put there.
            let address = local.flatMap(PreviewServer.localURL)?.absoluteString ?? "its own address"
            return Self.text(.misdirectedRequest,
                             "The preview answers only at \(address) or localhost, not at the name this request was sent to.\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "The preview only answers GET and HEAD.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let response = await answer(request, origin: origin, connection: context.channel)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func answer(_ request: Request, origin: String, connection: any Channel) async -> Response {
        guard let path = RequestPath(request.uri.path) else {
            return Self.text(.badRequest, "This address is not allowed.\n")
        }
        if request.uri.path == PreviewPage.eventsPath {
            return await events(known: request.uri.queryParameters["version"].map(String.init), connection: connection)
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
    /// the pages show changes. The stream ends when its connection closes.
    private func events(known: String?, connection: any Channel) async -> Response {
        let (announcements, listener) = await state.announcements(known: known)
        connection.closeFuture.whenComplete { _ in listener.finish() }
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

    private static let extraHost = HTTPFields.Element.Name("Host")!

    /// Every response says what it is and is never cached: the next edit changes it.
    /// (`ResponseGuard` adds `nosniff` to every response, these included.)
    private static func headers(contentType: String) -> HTTPFields {
        [.contentType: contentType, .cacheControl: "no-store"]
    }
}
