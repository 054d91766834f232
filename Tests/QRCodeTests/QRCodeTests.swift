import Foundation
import Testing

@testable import QRCode

/// The longest Code address among the fourteen schools (86 bytes).
private let longestAddress = "https://saintspeterandpaul.halton.sch.uk/social-media-code-of-conduct/code-of-conduct/"

private func encoded(_ text: String, _ correction: QRCode.Correction = .quartile) throws -> QRCode {
    try QRCode.encode(text, correction: correction).get()
}

/// Whether the 7 × 7 finder pattern (a dark ring, a light ring, a dark 3 × 3 centre)
/// has its top left corner at `row`, `column`.
private func hasFinderPattern(_ code: QRCode, row: Int, column: Int) -> Bool {
    (0..<7).allSatisfy { r in
        (0..<7).allSatisfy { c in
            let ring = min(r, c, 6 - r, 6 - c)
            return code.isDark(row: row + r, column: column + c) == (ring != 1)
        }
    }
}

/// The dark modules an SVG path of `M x y h n v1 h-n z` rectangles covers, as
/// (row, column) pairs inside the symbol.
private func modulesDrawn(by svg: String) throws -> Set<[Int]> {
    let d = try #require(svg.firstMatch(of: /<path fill="#000000" d="([^"]*)"\/>/)?.1)
    var drawn = Set<[Int]>()
    for run in d.matches(of: /M(\d+) (\d+)h(\d+)v1h-(\d+)z/) {
        let (x, y, length) = (Int(run.1)!, Int(run.2)!, Int(run.3)!)
        #expect(Int(run.4)! == length, "each run is a closed rectangle one module high")
        for column in x..<(x + length) {
            drawn.insert([y - QRCode.quietZone, column - QRCode.quietZone])
        }
    }
    return drawn
}

/// The symbol as a binary PGM image, `scale` pixels to a module, with its quiet zone.
private func pgm(_ code: QRCode, scale: Int) -> Data {
    let side = (code.size + 2 * QRCode.quietZone) * scale
    var pixels = [UInt8](repeating: 255, count: side * side)
    for row in 0..<code.size {
        for column in 0..<code.size where code.isDark(row: row, column: column) {
            for y in 0..<scale {
                let start = ((row + QRCode.quietZone) * scale + y) * side + (column + QRCode.quietZone) * scale
                pixels.replaceSubrange(start..<(start + scale), with: repeatElement(0, count: scale))
            }
        }
    }
    return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
}

/// What `zbarimg` (Debian zbar-tools, installed by scripts/install-deps) reads from the
/// symbol drawn as an image.
private func decodedByZbar(_ code: QRCode) throws -> String {
    let image = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-\(UUID().uuidString).pgm")
    try pgm(code, scale: 4).write(to: image)
    defer { try? FileManager.default.removeItem(at: image) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["zbarimg", "--quiet", "--raw", "-Sbinary", image.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "zbarimg found no code (is zbar-tools installed? scripts/install-deps)")
    // -Sbinary: the symbol's bytes exactly, with no newline or character set guessing.
    return String(decoding: data, as: UTF8.self)
}

@Suite struct QRCodeTests {
    @Test func theLongestSchoolAddressFitsAVersion7SymbolWithFinderPatternsInThreeCorners() throws {
        let code = try encoded(longestAddress)
        #expect(code.version == 7)
        #expect(code.size == 17 + 4 * code.version)
        #expect(hasFinderPattern(code, row: 0, column: 0))
        #expect(hasFinderPattern(code, row: 0, column: code.size - 7))
        #expect(hasFinderPattern(code, row: code.size - 7, column: 0))
        #expect(!hasFinderPattern(code, row: code.size - 7, column: code.size - 7))
    }

    @Test func quartileCorrectionCostsALargerSymbolThanMedium() throws {
        #expect(try encoded(longestAddress, .medium).version == 6)
        #expect(try encoded(longestAddress, .quartile).version == 7)
    }

    @Test func textTooLongForTheLargestSymbolIsAFailureValue() {
        // 1,700 bytes: more than version 40 holds at quartile (1,663), so libqrencode refuses it.
        let long = String(repeating: "a", count: 1700)
        #expect(QRCode.encode(long, correction: .quartile) == .failure(.tooLong(bytes: 1700)))
        #expect(throws: Never.self) { try encoded(long, .medium) }
        // More than any symbol holds: refused before libqrencode is asked.
        #expect(QRCode.encode(String(repeating: "é", count: 2000), correction: .medium) == .failure(.tooLong(bytes: 4000)))
    }

    @Test func emptyTextIsAFailureValue() {
        #expect(QRCode.encode("", correction: .quartile) == .failure(.empty))
    }

    @Test func libqrencodesErrorNumbersBecomeFailureValues() {
        #expect(QRCode.Failure(errno: ENOMEM, bytes: 10) == .outOfMemory)
        #expect(QRCode.Failure(errno: ERANGE, bytes: 10) == .tooLong(bytes: 10))
        #expect(QRCode.Failure(errno: EINVAL, bytes: 10) == .refused(errno: EINVAL))
    }

    @Test func theSVGDrawsExactlyTheDarkModulesInsideAQuietZone() throws {
        let code = try encoded(longestAddress)
        let svg = code.svg(label: "QR code for \(longestAddress)")
        var dark = Set<[Int]>()
        for row in 0..<code.size {
            for column in 0..<code.size where code.isDark(row: row, column: column) {
                dark.insert([row, column])
            }
        }
        #expect(try modulesDrawn(by: svg) == dark)
        #expect(svg.contains(#"viewBox="0 0 53 53""#), "45 modules and 4 of quiet zone on each side")
        #expect(svg.contains(##"<rect width="53" height="53" fill="#ffffff"/>"##))
        #expect(svg.matches(of: /<path/).count == 1)
        #expect(svg.contains(#"shape-rendering="crispEdges""#))
        #expect(svg.contains(#"role="img" aria-label="QR code for \#(longestAddress)""#))
        #expect(!svg.contains("width=\"53\" height=\"53\" role"), "the page's styles set its size")
    }

    @Test func theLabelIsEscapedForTheAttribute() throws {
        let svg = try encoded("x").svg(label: #"A "quoted" <b>&</b>"#)
        #expect(svg.contains(#"aria-label="A &quot;quoted&quot; &lt;b&gt;&amp;&lt;/b&gt;""#))
    }

    @Test(arguments: [longestAddress, "https://example.sch.uk/kodeks-postępowania/?q=zażółć&x=1", "a\u{0}b"])
    func zbarimgReadsBackTheBytesThatWereEncoded(text: String) throws {
        let decoded = try decodedByZbar(encoded(text))
        #expect(decoded == text)
    }
}
