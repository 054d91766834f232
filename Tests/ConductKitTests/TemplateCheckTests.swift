@testable import ConductKit
import Foundation
import TestSupport
import Testing

/// Templates are checked against the keys of the very types the renderer passes them.
@Suite struct TemplateCheckTests {
    private func key(_ path: String, in shape: TemplateKeys.Shape) -> TemplateKeys.Shape? {
        path.split(separator: ".").reduce(Optional(shape)) { shape, part in
            switch shape {
            case .object(let keys)?: keys[String(part)]
            case .list(.object(let keys))?: keys[String(part)]
            default: nil
            }
        }
    }

    @Test func theKeysComeFromTheValueTypes() {
        let document = TemplateKeys.shape(of: DocumentPage.self)
        #expect(key("school.short_name", in: document) == .text)
        #expect(key("school.has_logo", in: document) == .flag)
        #expect(key("school.logo_data_url", in: document) == .text, "optional values are keys too")
        #expect(key("document.body_html", in: document) == .html)
        #expect(key("document.contents.children.text_html", in: document) == .html)
        #expect(key("document.date.iso", in: document) == .text)
        #expect(key("campaign.letter_href", in: document) == .text)
        #expect(key("\(PageText.templateKey).contents", in: document) == .html, "the interface text is HTML made by the renderer")
        #expect(key("school.phone", in: document) == nil)
        #expect(key("schools", in: TemplateKeys.shape(of: ConsortiumPage.self)) != nil)
        #expect(key("school", in: TemplateKeys.shape(of: ConsortiumPage.self)) == nil)
    }

    @Test func everyPageTemplateHasItsValues() {
        #expect(PageTemplates.names == ["home", "document", "embed", "letter-print", "not-found", "consortium"])
    }

    private func check(_ templates: [String: String]) -> [String] {
        let sources = Dictionary(uniqueKeysWithValues: templates.map { name, text in
            (name, TemplateSource(name: name, path: "Templates/\(name).mustache", text: text))
        })
        return TemplateCheck.check(sources).map(\.description)
    }

    @Test func twoPartialsThatIncludeEachOtherAreACycle() {
        let problems = check([
            "home": "<p>{{school.name}}</p>\n{{> partials/header}}",
            "partials/header": "<header>{{> partials/footer}}</header>",
            "partials/footer": "<footer>\n  {{> partials/header}}</footer>",
        ])
        #expect(problems == [
            "Templates/partials/footer.mustache:2:3: error: partials include each other without end: partials/header -> partials/footer -> partials/header\n"
                + "    hint: remove one of these {{> …}} tags; a partial cannot include itself, directly or through another",
        ])
    }

    @Test func keysInsideSectionsAreLookedUpInTheSectionFirst() {
        let problems = check([
            "home": """
                {{#nav}}<a href="{{href}}">{{label}}</a> {{school.name}}{{/nav}}
                {{#expectations}}{{text}}{{#has_link}}{{href}}{{/has_link}}{{/expectations}}
                {{#campaign}}{{name}}{{/campaign}}{{^campaign}}{{page.title}}{{/campaign}}
                {{label}}
                """,
        ])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("Templates/home.mustache:4:1: error: '{{label}}' names no value that this page has") == true)
    }

    @Test func anEmptyPageTemplateIsAnError() {
        #expect(check(["not-found": " \n"]).first?.hasPrefix(
            "Templates/not-found.mustache:1:1: error: template 'not-found' is empty") == true)
    }

    @Test func deeplyNestedSectionsAreRefusedBeforeTheMustacheParserRecursesIntoThem() {
        let text = String(repeating: "{{#page}}", count: 200_000) + String(repeating: "{{/page}}", count: 200_000)
        var diagnostics: [Diagnostic] = []
        let compiled = SiteValidator.compile(["home": TemplateSource(name: "home", path: "Templates/home.mustache", text: text)],
                                             available: ["home"], diagnostics: &diagnostics)
        #expect(compiled.isEmpty)
        #expect(diagnostics == [Diagnostic(.templateSectionsTooDeep(maximum: 32),
                                           at: SourceLocation(path: "Templates/home.mustache", line: 1, column: 32 * 9 + 1))])
    }

    /// The Mustache parser stops at a badly formed pragma before the unsupported tag is
    /// seen; its error is told in words, not by the parser's own name for it.
    @Test func aBadlyFormedPragmaIsExplainedInWords() {
        var diagnostics: [Diagnostic] = []
        _ = SiteValidator.compile(["home": TemplateSource(name: "home", path: "Templates/home.mustache", text: "<p>\n{{%PRAGMA}}")],
                                  available: ["home"], diagnostics: &diagnostics)
        #expect(diagnostics.map(\.message) == ["template syntax error: pragmas ('{{% …}}') are not supported"])
    }

    @Test func tagsAreFoundWithTheirPositions() {
        let tags = MustacheTag.scan("é {{a}}\n{{! a\ncomment }} {{{b}}}{{#c}}{{/c}}{{> d}}")
        #expect(tags.map(\.kind) == [.variable, .comment, .unescaped, .section, .close, .partial])
        #expect(tags.map(\.name) == ["a", "a\ncomment", "b", "c", "c", "d"])
        #expect(tags.map { [$0.line, $0.column] } == [[1, 3], [2, 1], [3, 12], [3, 19], [3, 25], [3, 31]])
    }
}
