import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// How long a connection may take over a request, and stay open between requests.
struct ConnectionLimits: Sendable {
    /// From the first byte of a request to its last: a client that sends a request
    /// slowly, or never finishes it, is cut off after this.
    var requestTimeout: Duration
    /// How long a connection may stay open with no request in progress. An open event
    /// stream is a request in progress, so it is never cut off by this.
    var idleTimeout: Duration

    static let standard = ConnectionLimits(requestTimeout: .seconds(10), idleTimeout: .seconds(60))
}

/// HTTP/1.1 as Hummingbird serves it, with the preview's own handlers on every
/// connection: a deadline for each request to arrive in full, and a last look at
/// every response, also the ones Hummingbird writes itself when it cannot read a
/// request (see `ResponseGuard`).
struct PreviewChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let limits: ConnectionLimits

    static func builder(limits: ConnectionLimits) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in PreviewChannel(responder: responder, limits: limits) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // First in the pipeline, so that it sees the bytes before the HTTP parser does.
            let deadline = RequestDeadline(limit: TimeAmount(limits.requestTimeout))
            try channel.pipeline.syncOperations.addHandler(deadline, position: .first)
            return NIOLoopBound(deadline, eventLoop: channel.eventLoop)
        }.flatMap { deadline in
            let configuration = HTTP1Channel.Configuration(
                additionalChannelHandlers: [ResponseGuard(deadline: deadline.value)],
                idleTimeout: TimeAmount(limits.idleTimeout)
            )
            return HTTP1Channel(responder: responder, configuration: configuration).setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

/// Closes the connection when a request has not arrived in full within the limit
/// after its first byte: the parser only reports a request once its head is
/// complete, so a request line and a header byte every few seconds would otherwise
/// hold the connection open for ever.
final class RequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limit: TimeAmount
    private var expiry: Scheduled<Void>?

    init(limit: TimeAmount) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if expiry == nil {
            let channel = context.channel
            expiry = context.eventLoop.scheduleTask(in: limit) { channel.close(promise: nil) }
        }
        context.fireChannelRead(data)
    }

    /// The request whose bytes started the clock has arrived in full.
    func requestArrived() {
        expiry?.cancel()
        expiry = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        requestArrived()
        context.fireChannelInactive()
    }
}

/// Sees every request and response of a connection as HTTP parts, between the parser
/// and Hummingbird:
/// - it stops the request deadline once a request has arrived in full;
/// - every response says what it is (`Content-Type`, plain text when nothing else
///   set it) and forbids browsers to guess otherwise (`nosniff`);
/// - the bare `400` Hummingbird writes when the parser fails gets the status and the
///   short explanation the parser's error calls for (`431` for a head that is too long);
/// - when the client closes its side of the connection during an event stream, or
///   before it opened, the connection is closed, which ends the stream: nothing else
///   would notice until the next reload.
final class ResponseGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let deadline: RequestDeadline
    private var parserError: HTTPParserError?
    /// The explanation to send as the body of the response being written.
    private var explanation: ByteBuffer?
    private var isStreamingEvents = false
    /// The client will send nothing more: it closed its side of the connection.
    private var isInputClosed = false

    init(deadline: RequestDeadline) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { deadline.requestArrived() }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { parserError = error }
        context.fireErrorCaught(error)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            isInputClosed = true
            if isStreamingEvents {
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if head.headerFields[.contentType] == nil {
                if let parserError, head.status == .badRequest, head.headerFields[.contentLength] == "0" {
                    let refusal = Self.refusal(for: parserError)
                    head.status = refusal.status
                    head.headerFields[.contentLength] = String(refusal.text.utf8.count)
                    explanation = ByteBuffer(string: refusal.text)
                }
                head.headerFields[.contentType] = MediaType.plainText
            }
            head.headerFields[Self.contentTypeOptions] = "nosniff"
            isStreamingEvents = head.headerFields[.contentType]?.hasPrefix("text/event-stream") == true
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            // The client left before its stream opened (a page closed at once).
            if isStreamingEvents && isInputClosed {
                context.flush()
                context.close(promise: nil)
            }
        case .body:
            context.write(data, promise: promise)
        case .end:
            if let explanation {
                context.write(wrapOutboundOut(.body(explanation)), promise: nil)
                self.explanation = nil
            }
            isStreamingEvents = false
            context.write(data, promise: promise)
        }
    }

    private static let contentTypeOptions = HTTPFields.Element.Name("X-Content-Type-Options")!

    /// What the preview says about a request the parser could not read.
    static func refusal(for error: HTTPParserError) -> (status: HTTPResponse.Status, text: String) {
        switch error {
        case .headerOverflow:
            return (.requestHeaderFieldsTooLarge, "The request's address or headers are too long.\n")
        case .invalidMethod:
            return (.badRequest, "The request's method is unknown; the preview answers GET and HEAD.\n")
        default:
            return (.badRequest, "The request could not be read as HTTP/1.1.\n")
        }
    }
}

/// The request context of the preview: Hummingbird's, and the connection the request
/// came on, for the address it arrived at and to see when it closes.
struct PreviewRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
