import Markdown
import Testing

@Suite struct CommonMarkTests {
    private func html(_ source: String) -> String {
        CommonMark.parse(source).blocks.map { block in
            switch block {
            case .heading(let heading): heading.html(id: HeadingIDs.slug(heading.text))
            case .content(let html, _, _): html
            }
        }.joined()
    }

    @Test func rendersParagraphsListsAndLinks() {
        #expect(html("Hello *world*.\n\n- one\n- two\n") ==
            "<p>Hello <em>world</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
        #expect(html("[Childline](https://www.childline.org.uk/)") ==
            "<p><a href=\"https://www.childline.org.uk/\">Childline</a></p>\n")
    }

    @Test func picturesCarryTheirAddressWordsPlaceAndWhetherTheyStartAParagraph() {
        let pictures = CommonMark.pictures(in: "Intro\n\n![A *phone*](icons/phone.svg) Call.\n\n> Text ![B](b.png)\n", firstLine: 5)
        #expect(pictures == [
            Picture(address: "icons/phone.svg", alt: "A phone", line: 7, column: 1, startsParagraph: true),
            Picture(address: "b.png", alt: "B", line: 9, column: 3, startsParagraph: false),
        ])
    }

    @Test func aPictureInATightListDoesNotStartAParagraphButInALooseOneItDoes() {
        // HTML gets a tight list's items without their <p>, a loose list's with it.
        let tight = CommonMark.pictures(in: "- ![A](icons/a.svg) One.\n- Two.\n")
        let loose = CommonMark.pictures(in: "- ![A](icons/a.svg) One.\n\n- Two.\n")
        #expect(tight.map(\.startsParagraph) == [false])
        #expect(loose.map(\.startsParagraph) == [true])
    }

    @Test func escapesTextThatLooksLikeMarkup() {
        #expect(html("Fish & chips < 5 > 3 \"quoted\"") ==
            "<p>Fish &amp; chips &lt; 5 &gt; 3 “quoted”</p>\n")
    }

    @Test func safeModeOmitsRawHTMLAndDropsUnsafeLinks() {
        #expect(html("<script>alert(1)</script>\n") == "<!-- raw HTML omitted -->\n")
        #expect(html("Hi <b onclick=\"x()\">there</b>") ==
            "<p>Hi <!-- raw HTML omitted -->there<!-- raw HTML omitted --></p>\n")
        #expect(html("[click](javascript:alert(1))") == "<p><a href=\"\">click</a></p>\n")
        #expect(html("[x](vbscript:msgbox)") == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func smartPunctuationCurlsQuotesAndDashes() {
        #expect(html("It's \"ours\" -- 2025---2026...") ==
            "<p>It’s “ours” – 2025—2026…</p>\n")
    }

    @Test func headingsCarryLevelTextAndSourceLine() {
        let document = CommonMark.parse("Intro\n\n## Photos and *videos*\n\n### Parent's `code`\n", firstLine: 10)
        #expect(document.headings.map(\.level) == [2, 3])
        #expect(document.headings.map(\.text) == ["Photos and videos", "Parent’s code"])
        #expect(document.headings.map(\.line) == [12, 14])
        #expect(document.headings[0].innerHTML == "Photos and <em>videos</em>")
        #expect(document.headings[0].html(id: "photos-and-videos") ==
            "<h2 id=\"photos-and-videos\">Photos and <em>videos</em></h2>\n")
    }

    @Test func contentBlocksKeepTheirLines() {
        let document = CommonMark.parse("First\n\n> quoted\n", firstLine: 5)
        #expect(document.blocks == [
            .content(html: "<p>First</p>\n", text: PlainText([.text("First")]), line: 5),
            .content(html: "<blockquote>\n<p>quoted</p>\n</blockquote>\n", text: PlainText([.text("> quoted")]), line: 7),
        ])
    }

    private func text(_ source: String) -> String {
        CommonMark.parse(source).blocks.map { block in
            switch block {
            case .heading(let heading): heading.text
            case .content(_, let text, _): text.rendered { "<\($0)>" }
            }
        }.joined(separator: "\n\n")
    }

    @Test func plainTextKeepsTheWordsAndEachLinksAddress() {
        #expect(text("Read *the* **full** [Code](../code/) and `x`.\nNext line.") ==
            "Read the full Code (<../code/>) and x. Next line.")
        #expect(text("See <https://example.org/>.") == "See https://example.org/.")
        #expect(text("Dear Parents/carers\\\nThanks, \"quoted\"") == "Dear Parents/carers\nThanks, “quoted”")
    }

    @Test func plainTextMarksListsQuotesAndCode() {
        #expect(text("- one\n- two\n") == "- one\n- two")
        #expect(text("3. three\n4. four\n") == "3. three\n4. four")
        #expect(text("1. first\n\n   more of the first\n\n2. second\n") == "1. first\n\n   more of the first\n\n2. second")
        #expect(text("> a\n> b\n>\n> c\n") == "> a b\n>\n> c")
        #expect(text("    let x = 1\n    let y = 2\n") == "    let x = 1\n    let y = 2")
        #expect(text("---\n") == "* * *")
        #expect(text("<div>raw</div>\n\nafter") == "\n\nafter")
    }

    @Test func emptyInputHasNoBlocks() {
        #expect(CommonMark.parse("").blocks.isEmpty)
    }
}

@Suite struct HeadingIDTests {
    @Test func slugsAreLowercaseHyphenatedAndDropApostrophes() {
        #expect(HeadingIDs.slug("Photos and videos") == "photos-and-videos")
        #expect(HeadingIDs.slug("Your child’s safety online!") == "your-childs-safety-online")
        #expect(HeadingIDs.slug("1. Messages to parents & staff") == "1-messages-to-parents-staff")
        #expect(HeadingIDs.slug("???") == "section")
    }

    @Test func lettersAndDigitsOfEveryScriptAreKept() {
        #expect(HeadingIDs.slug("  --Édition--  ") == "édition")
        #expect(HeadingIDs.slug("Zdjęcia i filmy") == "zdjęcia-i-filmy")
        #expect(HeadingIDs.slug("ŻÓŁW, który mówi") == "żółw-który-mówi")
        #expect(HeadingIDs.slug("تصاویر اور ویڈیوز") == "تصاویر-اور-ویڈیوز")
        #expect(HeadingIDs.slug("الصور ومقاطع الفيديو؟") == "الصور-ومقاطع-الفيديو")
        #expect(HeadingIDs.slug("Φωτογραφίες ΚΑΙ βίντεο") == "φωτογραφίες-και-βίντεο")
        #expect(HeadingIDs.slug("٣. الخطوة") == "٣-الخطوة")
    }

    @Test func composedAndDecomposedTextGiveOneId() {
        #expect(HeadingIDs.slug("Zdje\u{0328}cia") == HeadingIDs.slug("Zdjęcia"))
        #expect(HeadingIDs.slug("Zdje\u{0328}cia").unicodeScalars.count == "zdjęcia".unicodeScalars.count)
    }

    @Test func invisibleJoinersAreLeftOut() {
        #expect(HeadingIDs.slug("می\u{200C}خواهم") == "میخواهم")
    }

    @Test func repeatedHeadingsGetNumberedIds() {
        var ids = HeadingIDs()
        #expect(ids.unique(for: "Contact") == "contact")
        #expect(ids.unique(for: "Contact") == "contact-2")
        #expect(ids.unique(for: "Contact 2") == "contact-2-2")
        #expect(ids.unique(for: "Contact") == "contact-3")
    }

    @Test func reservedIdsAreNotReused() {
        var ids = HeadingIDs()
        ids.reserve("main")
        #expect(ids.unique(for: "Main") == "main-2")
    }
}

@Suite struct TableOfContentsTests {
    @Test func nestsLevelThreeUnderLevelTwoAndEscapes() {
        let document = CommonMark.parse("## A & B\n\n### One\n\n#### Deep\n\n## C\n")
        var ids = HeadingIDs()
        let toc = TableOfContents(headings: document.headings.map { ($0, ids.unique(for: $0.text)) })
        #expect(toc.entries.map(\.id) == ["a-b", "c"])
        #expect(toc.entries[0].textHTML == "A &amp; B")
        #expect(toc.entries[0].children.map(\.id) == ["one"])
        #expect(toc.entries[1].children.isEmpty)
    }
}
