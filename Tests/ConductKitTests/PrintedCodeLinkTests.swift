@testable import ConductKit
import QRCode
import Testing

@Suite struct PrintedCodeLinkTests {
    /// The validator refuses a Code address longer than `longestAddress`; the limit is
    /// what a version 10 symbol holds, so every printed code stays readable at 35 mm.
    @Test func theLongestAddressAllowedFitsAVersion10SymbolAndOneByteMoreDoesNot() throws {
        let longest = String(repeating: "a", count: PrintedCodeLink.longestAddress)
        #expect(try QRCode.encode(longest, correction: PrintedCodeLink.correction).get().version == 10)
        #expect(try QRCode.encode(longest + "a", correction: PrintedCodeLink.correction).get().version == 11)
    }
}
