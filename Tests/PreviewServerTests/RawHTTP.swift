import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A reply as it came over the wire.
struct HTTPReply {
    var status: Int
    /// Header names in lowercase.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A plain TCP connection to the preview. Tests need it because it sends request
/// targets exactly as written (URLSession would tidy `..` away) and reads an event
/// stream as it arrives. Its calls block, so tests run them on their own threads.
final class RawConnection: @unchecked Sendable {
    private var descriptor: Int32
    private(set) var received = Data()
    /// The server closed the connection (or reset it).
    private(set) var isClosedByServer = false

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard descriptor >= 0, connected == 0 else {
            Glibc.close(descriptor)
            throw RawHTTPError("cannot connect to port \(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close() }

    /// Tells the server that nothing more will be sent, keeping the connection open for reading.
    func finishSending() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes the connection as a browser closing a tab does.
    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw RawHTTPError("cannot send: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    /// Reads until `isComplete(received)`, the server closes the connection, or the
    /// time is up; says whether it got there.
    @discardableResult
    func receive(within limit: Duration, until isComplete: (Data) -> Bool = { _ in false }) -> Bool {
        let deadline = ContinuousClock.now + limit
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while !isComplete(received) {
            let left = deadline - .now
            guard left > .zero else { return false }
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(max(1, left / .milliseconds(1)))) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                isClosedByServer = true
                return isComplete(received)
            }
            received.append(contentsOf: buffer[..<count])
        }
        return true
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking socket work on a thread of its own, away from the threads that
/// Swift concurrency shares with the server under test.
func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Sends one request exactly as given and reads the whole reply. `host` is the Host
/// header ("" for none; the preview's own address when nil).
func request(_ target: String, port: Int, method: String = "GET", host: String? = nil,
             headers: String = "", timeout: Duration = .seconds(10)) async throws -> HTTPReply {
    let hostLine = host.map { $0.isEmpty ? "" : "Host: \($0)\r\n" } ?? "Host: 127.0.0.1:\(port)\r\n"
    return try await exchange("\(method) \(target) HTTP/1.1\r\n\(hostLine)\(headers)Connection: close\r\n\r\n",
                              port: port, method: method, timeout: timeout)
}

/// Sends `bytes` as they are on a new connection and reads the reply until the server closes it.
func exchange(_ bytes: String, port: Int, method: String = "GET", timeout: Duration = .seconds(10)) async throws -> HTTPReply {
    try await offThePool {
        let connection = try RawConnection(port: port)
        try connection.send(bytes)
        connection.receive(within: timeout)
        return try parse(connection.received, method: method)
    }
}

/// Every reply in `data`, in order, as a client reading a keep-alive connection sees them.
func parseReplies(_ data: Data) throws -> [HTTPReply] {
    var replies: [HTTPReply] = []
    var rest = data[...]
    while !rest.isEmpty {
        guard let split = rest.firstRange(of: Data("\r\n\r\n".utf8)) else { throw RawHTTPError("an incomplete reply") }
        let head = try parse(Data(rest[..<split.upperBound]), method: "HEAD")
        let length = Int(head.headers["content-length"] ?? "") ?? 0
        let end = min(split.upperBound + length, rest.endIndex)
        replies.append(HTTPReply(status: head.status, headers: head.headers, body: Data(rest[split.upperBound..<end])))
        rest = rest[end...]
    }
    return replies
}

private func parse(_ data: Data, method: String) throws -> HTTPReply {
    guard let split = data.firstRange(of: Data("\r\n\r\n".utf8)) else {
        throw RawHTTPError("no complete reply head in \(String(decoding: data, as: UTF8.self))")
    }
    let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let statusLine = lines[0].split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw RawHTTPError("bad status line \(lines[0])") }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var body = Data(data[split.upperBound...])
    if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
    return HTTPReply(status: status, headers: headers, body: method == "HEAD" ? Data() : body)
}

private func dechunk(_ data: Data) -> Data {
    var body = Data()
    var rest = data[...]
    while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)),
          let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0 {
        let start = lineEnd.upperBound
        body.append(rest[start..<min(start + size, rest.endIndex)])
        rest = rest[min(start + size + 2, rest.endIndex)...]
    }
    return body
}

/// An open `/__preview/events` stream, as a page's reload script holds it.
final class EventStream: @unchecked Sendable {
    private let connection: RawConnection
    private var seen = 0

    /// Connects and waits for the stream to open. `version` is the page's version.
    init(port: Int, version: String? = nil) async throws {
        let target = "/__preview/events" + (version.map { "?version=\($0)" } ?? "")
        connection = try await offThePool {
            let connection = try RawConnection(port: port)
            try connection.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            guard connection.receive(within: .seconds(10), until: { $0.firstRange(of: Data("retry: ".utf8)) != nil }) else {
                throw RawHTTPError("the event stream did not open: \(String(decoding: connection.received, as: UTF8.self))")
            }
            return connection
        }
    }

    /// The versions of the reload events received so far.
    var reloads: [String] { Self.versions(in: connection.received) }

    /// Waits for the next reload event and returns its version; nil if none came in time.
    func nextReload(within limit: Duration = .seconds(10)) async throws -> String? {
        let wanted = seen + 1
        let arrived = try await offThePool { [connection] in
            connection.receive(within: limit) { Self.versions(in: $0).count >= wanted }
        }
        guard arrived else { return nil }
        seen = wanted
        return reloads[wanted - 1]
    }

    private static func versions(in data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).components(separatedBy: "event: reload\ndata: ").dropFirst().compactMap { event in
            event.range(of: "\n\n").map { String(event[..<$0.lowerBound]) }
        }
    }

    /// Closes the stream as a browser closing the page does.
    func close() {
        connection.close()
    }

    /// Whether the server ended the stream within the time given.
    func waitForEnd(within limit: Duration) async throws -> Bool {
        try await offThePool { [connection] in
            connection.receive(within: limit) { String(decoding: $0, as: UTF8.self).hasSuffix("0\r\n\r\n") }
        }
    }
}
