import Foundation
@testable import PreviewServer
import Testing

/// The preview on the wire: what it answers to requests it cannot read, to names it
/// does not answer to and to clients that are slow, idle or gone, checked on real sockets.
@Suite struct PreviewWireTests {
    func expectSaysWhatItIs(_ reply: HTTPReply, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.headers["content-type"] == "text/plain; charset=utf-8", "\(what)", sourceLocation: sourceLocation)
        #expect(reply.headers["x-content-type-options"] == "nosniff", "\(what)", sourceLocation: sourceLocation)
        #expect(!reply.text.isEmpty, "\(what)", sourceLocation: sourceLocation)
    }

    @Test func requestsTheParserCannotReadGetAStatusAndAPlainTextReason() async throws {
        let harness = try await PreviewHarness()
        let host = "Host: 127.0.0.1:\(harness.port)\r\n"
        let requests: [(what: String, bytes: String, status: Int)] = [
            ("an unknown method", "FROB / HTTP/1.1\r\n\(host)\r\n", 400),
            ("a 100 KB address", "GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\n\(host)\r\n", 431),
            ("a 1 MB header", "GET / HTTP/1.1\r\n\(host)X-Big: \(String(repeating: "b", count: 1_000_000))\r\n\r\n", 431),
            ("a header without a colon", "GET / HTTP/1.1\r\n\(host)No colon here\r\n\r\n", 400),
            ("a NUL byte in the address", "GET /a\u{0}b HTTP/1.1\r\n\(host)\r\n", 400),
            ("a TLS handshake", "\u{16}\u{3}\u{1}\u{0}\u{a5}\u{1}\u{0}\u{0}\u{a1}\u{3}\u{3}", 400),
        ]
        for request in requests {
            let reply = try await exchange(request.bytes, port: harness.port)
            #expect(reply.status == request.status, "\(request.what)")
            expectSaysWhatItIs(reply, request.what)
        }
        // The server carries on.
        #expect(try await harness.get("/").status == 200)
        try await harness.stop()
    }

    @Test func refusalsWrittenByThePreviewSayWhatTheyAreToo() async throws {
        let harness = try await PreviewHarness()
        for (method, target, status) in [("POST", "/", 405), ("OPTIONS", "*", 405), ("TRACE", "/", 405), ("GET", "/a%00b", 400),
                                         ("GET", "/%2e%2e/secret", 400), ("GET", "/" + String(repeating: "x/", count: 20_000), 404)] {
            let reply = try await harness.get(target, method: method)
            #expect(reply.status == status, "\(method) \(target.prefix(40))")
            #expect(reply.headers["x-content-type-options"] == "nosniff")
            #expect(reply.headers["content-type"] != nil)
        }
        try await harness.stop()
    }

    // MARK: Host

    @Test func requestsNamingAnotherHostAreRefusedWithoutRepeatingTheName() async throws {
        let harness = try await PreviewHarness()
        let port = harness.port
        for host in ["rebind.attacker.example:\(port)", "localhost.attacker.example:\(port)", "127.0.0.1.attacker.example:\(port)",
                     "127.0.0.1:\(port == 1 ? 2 : 1)", "localhost"] {
            for target in ["/", "/code-of-conduct/", "/sitemap.xml", "/no-such-page", PreviewPage.eventsPath] {
                let reply = try await harness.get(target, host: host)
                #expect(reply.status == 421, "\(host) \(target)")
                expectSaysWhatItIs(reply, "\(host) \(target)")
                #expect(!reply.text.contains("attacker"))
                #expect(reply.text.contains("http://127.0.0.1:\(port)/"))
            }
        }
        // A second Host header cannot smuggle another name past the first.
        let twice = try await harness.get("/", headers: "Host: rebind.attacker.example:\(port)\r\n")
        #expect(twice.status == 400)
        #expect(!twice.text.contains("attacker"))
        try await harness.stop()
    }

    @Test func theLoopbackNamesWorkAndLinksUseTheNameTheBrowserUsed() async throws {
        let harness = try await PreviewHarness()
        let port = harness.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)", "[::1]:\(port)"] {
            let reply = try await harness.get("/", host: host)
            #expect(reply.status == 200, "\(host)")
            #expect(reply.text.contains(#"<link rel="canonical" href="http://\#(host.lowercased())/"#), "\(host)")
        }
        try await harness.stop()
    }

    @Test func openedToTheNetworkItStillAnswersOnlyToAddresses() async throws {
        let harness = try await PreviewHarness(host: "0.0.0.0")
        let port = harness.port
        #expect(try await harness.get("/", host: "127.0.0.1:\(port)").status == 200)
        #expect(try await harness.get("/", host: "0.0.0.0:\(port)").status == 200)
        #expect(try await harness.get("/", host: "rebind.attacker.example:\(port)").status == 421)
        try await harness.stop()
    }

    // MARK: Slow, idle and departed clients

    @Test func aRequestSentTooSlowlyIsCutOff() async throws {
        let harness = try await PreviewHarness(limits: ConnectionLimits(requestTimeout: .seconds(1), idleTimeout: .seconds(60)))
        let port = harness.port
        let cutOff = try await offThePool {
            let connection = try RawConnection(port: port)
            try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ")
            // A header byte now and then, as a slow-loris client sends them; sending
            // fails once the server has closed the connection.
            let giveUp = ContinuousClock.now + .seconds(15)
            while !connection.isClosedByServer, ContinuousClock.now < giveUp {
                try? connection.send("a")
                connection.receive(within: .milliseconds(200))
            }
            return connection.isClosedByServer
        }
        #expect(cutOff)
        #expect(try await harness.get("/").status == 200)
        try await harness.stop()
    }

    @Test func anIdleConnectionIsClosedButAnOpenEventStreamIsNot() async throws {
        // Long enough that a busy machine still delivers each request well within it.
        let harness = try await PreviewHarness(limits: ConnectionLimits(requestTimeout: .seconds(10), idleTimeout: .seconds(2)))
        let port = harness.port
        let events = try await harness.openEvents()
        let (closed, received) = try await offThePool {
            let connection = try RawConnection(port: port)
            try connection.send("GET /assets/site.css HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            connection.receive(within: .seconds(15))
            return (connection.isClosedByServer, connection.received)
        }
        #expect(closed)
        #expect(try parseReplies(received).map(\.status) == [200])
        // The event stream outlived the idle time, and still brings the reload.
        try harness.fixture.write("---\nreplace: contact-your-school\n---\nCall us.\n", to: PreviewReloadTests.section)
        #expect(try await events.nextReload() != nil)
        try await harness.stop()
    }

    /// The preview's end of the connections on `port` that are open, found in the
    /// kernel's table of TCP sockets: a socket that the server has closed has no inode
    /// there any more, even while the kernel finishes closing it. Other tests' servers
    /// listen on other ports, so they do not count.
    func openServerConnections(port: Int) -> Int {
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to the end: the kernel makes these files as they are read, a page at a time.
            guard let data = FileHandle(forReadingAtPath: table)?.readDataToEndOfFile() else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9, let local = fields[1].split(separator: ":").last, Int(local, radix: 16) == port else { continue }
                let isListening = fields[3] == "0A"
                if !isListening && fields[9] != "0" { count += 1 }
            }
        }
        return count
    }

    func eventually(_ condition: () async -> Bool) async throws -> Bool {
        let giveUp = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < giveUp {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    @Test func eventStreamsClosedByTheirPagesAreReleasedWithoutAReload() async throws {
        let harness = try await PreviewHarness()
        var streams: [EventStream] = []
        for _ in 1...40 {
            streams.append(try await EventStream(port: harness.port))
        }
        #expect(await harness.state.listenerCount == 40)
        #expect(openServerConnections(port: harness.port) >= 40)
        for stream in streams { stream.close() }
        #expect(try await eventually { openServerConnections(port: harness.port) == 0 },
                "\(openServerConnections(port: harness.port)) connections left open")
        #expect(try await eventually { await harness.state.listenerCount == 0 })
        #expect(harness.builds.count == 1)
        // Pages still open are still told.
        let open = try await harness.openEvents()
        try harness.fixture.write("---\nreplace: contact-your-school\n---\nCall us.\n", to: PreviewReloadTests.section)
        #expect(try await open.nextReload() != nil)
        try await harness.stop()
    }

    @Test func anEventStreamWhosePageLeftBeforeItOpenedIsClosedToo() async throws {
        let harness = try await PreviewHarness()
        let port = harness.port
        let closed = try await offThePool {
            (0..<10).allSatisfy { _ in
                guard let connection = try? RawConnection(port: port) else { return false }
                try? connection.send("GET \(PreviewPage.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
                connection.finishSending()
                connection.receive(within: .seconds(10))
                return connection.isClosedByServer
            }
        }
        #expect(closed)
        #expect(try await eventually { await harness.state.listenerCount == 0 })
        try await harness.stop()
    }

    // MARK: Hostile traffic the preview already survives

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let harness = try await PreviewHarness()
        let host = "Host: 127.0.0.1:\(harness.port)\r\n"
        let port = harness.port
        let received = try await offThePool {
            let connection = try RawConnection(port: port)
            try connection.send("GET /assets/site.css HTTP/1.1\r\n\(host)\r\nHEAD / HTTP/1.1\r\n\(host)\r\n"
                                + "GET /no-such-page HTTP/1.1\r\n\(host)\r\nGET /letter HTTP/1.1\r\n\(host)Connection: close\r\n\r\n")
            connection.receive(within: .seconds(10))
            return connection.received
        }
        // The stylesheet does not end with a line break, so the next status line follows it directly.
        let statuses = String(decoding: received, as: UTF8.self).components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
        #expect(statuses == ["200", "200", "404", "301"])
        try await harness.stop()
    }

    @Test func manyConnectionsAtOnceAreAllServed() async throws {
        let harness = try await PreviewHarness()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for number in 0..<150 {
                group.addTask { try await harness.get(number.isMultiple(of: 2) ? "/" : "/assets/site.css").status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 150)
        #expect(statuses.allSatisfy { $0 == 200 })
        try await harness.stop()
    }

    @Test func aMistakeSavedWhileManyPagesAreOpenReachesThemAllAndTheFixToo() async throws {
        let harness = try await PreviewHarness()
        var streams: [EventStream] = []
        for _ in 1...20 {
            streams.append(try await harness.openEvents())
        }
        let schoolFile = "Schools/alpha-academy/school.yml"
        let good = try harness.fixture.read(schoolFile)
        try harness.fixture.write("slug: alpha-academy\nname: [unclosed\n", to: schoolFile)
        for stream in streams {
            #expect(try await stream.nextReload() != nil)
        }
        #expect(try await harness.get("/letter/").text.contains("conduct-preview-errors"))
        try harness.fixture.write(good, to: schoolFile)
        for stream in streams {
            #expect(try await stream.nextReload() != nil)
        }
        let page = try await harness.get("/letter/")
        #expect(page.status == 200)
        #expect(!page.text.contains("conduct-preview-errors"))
        try await harness.stop()
    }

    @Test func aRangeRequestGetsTheWholeFile() async throws {
        let harness = try await PreviewHarness()
        let whole = try await harness.get("/assets/site.css")
        let ranged = try await harness.get("/assets/site.css", headers: "Range: bytes=0-9\r\n")
        #expect(ranged.status == 200)
        #expect(ranged.body == whole.body)
        try await harness.stop()
    }
}

/// The names the preview answers to, for connections it cannot receive in a test:
/// from another computer, over IPv6 and on port 80.
@Suite struct RequestHostTests {
    func check(_ header: String?, at ip: String, port: Int = 8000, listening: String = "0.0.0.0") -> RequestHost.Verdict {
        RequestHost.check(header, arrivedAt: ip, port: port, listeningHost: listening)
    }

    @Test func theAddressAConnectionArrivedAtIsAnsweredTo() {
        #expect(check("192.168.1.5:8000", at: "192.168.1.5") == .origin("http://192.168.1.5:8000"))
        #expect(check("192.168.1.5:8000", at: "::ffff:192.168.1.5", listening: "::") == .origin("http://192.168.1.5:8000"))
        #expect(check("[fe80::1]:8000", at: "fe80::1", listening: "::") == .origin("http://[fe80::1]:8000"))
        #expect(check("[::1]:8000", at: "::1", listening: "::1") == .origin("http://[::1]:8000"))
        #expect(check("mybox.lan:8000", at: "192.168.1.5", listening: "mybox.lan") == .origin("http://mybox.lan:8000"))
        #expect(check("localhost", at: "127.0.0.1", port: 80) == .origin("http://localhost"))
    }

    @Test func otherNamesAndPortsAreNot() {
        #expect(check("mybox.local:8000", at: "192.168.1.5") == .foreign)
        #expect(check("192.168.1.6:8000", at: "192.168.1.5") == .foreign)
        #expect(check("192.168.1.5:8001", at: "192.168.1.5") == .foreign)
        #expect(check("192.168.1.5", at: "192.168.1.5") == .foreign)
        #expect(check("127.0.0.1:08000", at: "127.0.0.1") == .origin("http://127.0.0.1:8000"))
        #expect(check("127.0.0.1:+8000", at: "127.0.0.1") == .missing)
        #expect(check("127.0.0.1:8000:1", at: "127.0.0.1") == .missing)
        #expect(check("[::1]x", at: "::1") == .missing)
        #expect(check("evil\"><script>", at: "127.0.0.1") == .missing)
        #expect(check("", at: "127.0.0.1") == .missing)
        #expect(check(nil, at: "127.0.0.1") == .missing)
    }
}
