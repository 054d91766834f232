import Foundation
@testable import PreviewServer
import Testing

private let nodeExecutable: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { URL(fileURLWithPath: String($0)).appendingPathComponent("node") }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

/// The reload script as a browser runs it: in Node, with stand-ins for the page's
/// `document` (which says whether the tab is hidden), `EventSource` and `location`.
/// Skipped where Node is not installed.
@Suite(.enabled(if: nodeExecutable != nil, "needs Node.js (node) on the PATH"))
struct ReloadScriptTests {

    static let events = "open \(PreviewPage.eventsPath)?version=s1-4"

    /// What the page did (streams opened and closed, reloads) when the script ran in a
    /// tab hidden at first or not, followed by `steps`: `show(false)` brings the tab to
    /// the front, `show(true)` hides it, `announce()` is a reload event on the stream.
    func run(hiddenAtFirst: Bool, then steps: String) throws -> [String] {
        let page = PreviewPage.reloadScript(version: "s1-4")
        let script = try #require(page.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
        let program = """
            const log = [];
            global.document = { hidden: \(hiddenAtFirst), handlers: {}, addEventListener(type, handler) { this.handlers[type] = handler; } };
            global.EventSource = class {
              constructor(url) { log.push("open " + url); this.handlers = {}; EventSource.last = this; }
              addEventListener(type, handler) { this.handlers[type] = handler; }
              close() { log.push("close"); }
            };
            global.location = { reload() { log.push("reload"); } };
            function show(hidden) { document.hidden = hidden; document.handlers.visibilitychange(); }
            function announce() { EventSource.last.handlers.reload(); }
            \(script)
            \(steps)
            console.log(log.join("\\n"));
            """
        let process = Process()
        process.executableURL = try #require(nodeExecutable)
        process.arguments = ["-e", program]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaints = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RawHTTPError("the script failed: \(String(decoding: complaints, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func aPageInViewListensAndReloadsWhenTold() throws {
        #expect(try run(hiddenAtFirst: false, then: "announce();") == [Self.events, "reload"])
    }

    @Test func aHiddenTabLetsGoOfItsStreamAndListensAgainWhenShown() throws {
        #expect(try run(hiddenAtFirst: false, then: "show(true); show(true); show(false); show(false); announce();")
                == [Self.events, "close", Self.events, "reload"])
    }

    @Test func aTabOpenedInTheBackgroundListensOnlyOnceShown() throws {
        #expect(try run(hiddenAtFirst: true, then: "") == [])
        #expect(try run(hiddenAtFirst: true, then: "show(false);") == [Self.events])
    }
}
