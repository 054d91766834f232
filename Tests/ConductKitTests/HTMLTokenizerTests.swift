@testable import ConductKit
import Foundation
import Testing

@Suite struct HTMLTokenizerTests {
    private func tokens(_ html: String) -> [HTMLToken] {
        HTMLTokenizer.tokens(in: Data(html.utf8))
    }

    private func startTags(_ html: String) -> [HTMLToken] {
        tokens(html).filter { $0.startTagName != nil }
    }

    @Test func readsEveryKindOfAttributeValue() throws {
        let tag = try #require(startTags(#"<A HREF="a b" class='c "d"' data-x=e&amp;f hidden id = "g">"#).first)
        #expect(tag.startTagName == "a")
        guard case .startTag(_, let attributes) = tag.kind else { return }
        #expect(attributes.map(\.name) == ["href", "class", "data-x", "hidden", "id"])
        #expect(attributes.map(\.value) == ["a b", #"c "d""#, "e&f", "", "g"])
        #expect(attributes.map(\.column) == [4, 15, 29, 44, 51])
    }

    @Test func decodesCharacterReferencesInAttributesAndText() {
        let html = #"<a title="&quot;Tom&#39;s&quot; &#x2019; &rsquo; &amp;amp; &unknown; &#xD800; 5 & 6">A &lt;b&gt; &copy;</a>"#
        let found = tokens(html)
        #expect(found.first?.attribute("title")?.value == "\"Tom's\" \u{2019} \u{2019} &amp; &unknown; \u{FFFD} 5 & 6")
        #expect(found.dropFirst().first?.kind == .text("A <b> \u{A9}"))
    }

    @Test func theFirstOfTwoAttributesWithOneNameCounts() {
        #expect(startTags(#"<a href="one" href="two">"#).first?.attribute("href")?.value == "one")
    }

    @Test func skipsCommentsDoctypesAndProcessingInstructions() {
        let html = """
            <!DOCTYPE html>
            <?xml version="1.0"?>
            <!-- <a href="hidden/"> and <h1> -->
            <p id="seen">
            """
        let tags = startTags(html)
        #expect(tags.map(\.startTagName) == ["p"])
        #expect(tags.first?.line == 4)
    }

    @Test func scriptAndStyleHoldRawTextUpToTheirEndTag() {
        let html = """
            <script>if (a < b && "</p>" != '<a href="x">') {}</script >
            <style>a[href="#x"] > b { --brand: #000000; }</STYLE><p>
            """
        let found = tokens(html)
        #expect(found.compactMap(\.startTagName) == ["script", "style", "p"])
        #expect(found[1].kind == .text(#"if (a < b && "</p>" != '<a href="x">') {}"#))
        let style = found.first { $0.kind == .text(##"a[href="#x"] > b { --brand: #000000; }"##) }
        #expect(style?.line == 2)
        #expect(style?.column == 8)
    }

    @Test func titleTextIsDecodedButHoldsNoTags() {
        let found = tokens("<title>A &amp; <b>B</b></title>")
        #expect(found.map(\.kind) == [.startTag(name: "title", attributes: []), .text("A & <b>B</b>"), .endTag(name: "title")])
    }

    @Test func countsLinesAndColumnsInCharacters() {
        let html = "<p>\n– é <a\n  href=\"x\"\n>"
        let link = tokens(html).first { $0.startTagName == "a" }
        #expect(link?.line == 2 && link?.column == 5)
        #expect(link?.attribute("href")?.line == 3)
        #expect(link?.attribute("href")?.column == 3)
    }

    @Test func aLessThanSignThatStartsNoTagIsText() {
        let found = tokens("1 < 2 <3 </ 4")
        #expect(found.allSatisfy { if case .text = $0.kind { true } else { false } })
        #expect(found.compactMap { if case .text(let text) = $0.kind { text } else { nil } }.joined() == "1 < 2 <3 </ 4")
    }

    @Test func aTagCutOffByTheEndIsDropped() {
        #expect(startTags(#"<p>text<a href="x"#).map(\.startTagName) == ["p"])
    }

    @Test func selfClosingTagsAndEndTagsAreRead() {
        let found = tokens(#"<img src="a.png" alt=""/></DIV>"#)
        #expect(found.first?.attribute("src")?.value == "a.png")
        #expect(found.last?.kind == .endTag(name: "div"))
    }
}
