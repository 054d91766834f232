@testable import ConductKit
import Foundation
import Testing

/// A logo is the kind of image its name says, and an SVG one holds nothing that runs
/// or loads anything when it is opened on its own.
@Suite struct LogoCheckTests {
    private func problems(_ svg: String) -> [String] {
        LogoCheck.check(Data(svg.utf8), fileExtension: "svg", path: "logo.svg").map(\.message)
    }

    @Test func aPlainSVGWithInternalReferencesAndEmbeddedPicturesPasses() {
        #expect(problems("""
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
            <defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>
            <rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/>
            <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
            </svg>
            """).isEmpty)
    }

    @Test func scriptsHideNowhere() {
        #expect(problems(#"<svg><title><script>alert(1)</script></title></svg>"#).count == 1, "XML reads tags inside <title>")
        #expect(problems(#"<svg><a href="&#106;avascript:alert(1)">x</a></svg>"#).count == 1)
        #expect(problems(#"<svg><animate attributeName="href" to="https://x.example/"/></svg>"#).count == 1)
        #expect(problems(#"<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>"#).count == 1)
        #expect(problems(#"<svg><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>"#).count == 1)
    }

    @Test func rasterLogosMustStartWithTheirFormatsSignature() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        #expect(LogoCheck.check(png, fileExtension: "png", path: "logo.png").isEmpty)
        #expect(LogoCheck.check(png, fileExtension: "jpg", path: "logo.jpg").map(\.message) == ["this logo is not a JPEG image, as its name says"])
        #expect(LogoCheck.check(Data("RIFF\0\0\0\0WEBPVP8 ".utf8), fileExtension: "webp", path: "logo.webp").isEmpty)
        #expect(LogoCheck.check(Data(), fileExtension: "png", path: "logo.png").count == 1)
    }
}
