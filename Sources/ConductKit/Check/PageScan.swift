import Foundation

/// What the check needs from one HTML page, read in one pass over its tokens.
struct PageScan {
    struct Reference {
        /// `href` or `src`.
        var attribute: String
        var value: String
        var location: SourceLocation
        /// The `rel` of a `<link>`, e.g. "stylesheet" or "canonical".
        var rel: String?
    }

    /// A `<style>` element's contents and where they start.
    struct Style {
        var css: String
        var location: SourceLocation
    }

    /// In document order, so the cascade can be followed.
    enum StyleSource {
        case stylesheet(Reference)
        case inline(Style)
    }

    var path: String
    var htmlTag: SourceLocation?
    var language: String?
    var titleTag: SourceLocation?
    var title = ""
    var bodyTag: SourceLocation?
    var headingsOne: [SourceLocation] = []
    /// Every id in order, with where it is set.
    var ids: [(id: String, location: SourceLocation)] = []
    /// Each id once, in the order of first use: what a link's fragment may name.
    var distinctIDs: [String] = []
    /// The same ids, for looking a fragment up without reading the whole list.
    var idSet: Set<String> = []
    var references: [Reference] = []
    var styles: [StyleSource] = []
    /// Where an English page's words repeat an article ("the The Bridge School"),
    /// which a value put after the same article in the text makes.
    var repeatedArticles: [(words: String, location: SourceLocation)] = []

    var canonical: Reference? { references.first { $0.rel == "canonical" } }

    init(path: String, contents: Data) {
        self.path = path
        // The element whose text comes next, when that text matters: a title or a style.
        var textOwner: String?
        var reading = RepeatedArticles()
        for token in HTMLTokenizer.tokens(in: contents) {
            let location = SourceLocation(path: path, line: token.line, column: token.column)
            switch token.kind {
            case .startTag(let name, let attributes):
                textOwner = name
                record(name, attributes, at: location)
                if !RepeatedArticles.inline.contains(name) { reading.lastWord = nil }
            case .text(let text):
                if textOwner == "title" { title += text }
                if textOwner == "style" { styles.append(.inline(Style(css: text, location: location))) }
                if textOwner != "style" && textOwner != "script" && language?.lowercased().hasPrefix("en") == true {
                    repeatedArticles += reading.read(text, at: location)
                }
            case .endTag(let name):
                textOwner = nil
                if !RepeatedArticles.inline.contains(name) { reading.lastWord = nil }
            }
        }
    }

    /// Follows the words of running text across inline elements, so that "the <a>The
    /// Bridge School website</a>" is read as one phrase; any other element ends a phrase.
    private struct RepeatedArticles {
        static let inline: Set<String> = ["a", "abbr", "b", "cite", "code", "em", "i", "q", "small", "span", "strong", "time"]
        static let articles: Set<String> = ["the", "a", "an"]
        var lastWord: String?

        mutating func read(_ text: String, at location: SourceLocation) -> [(words: String, location: SourceLocation)] {
            var found: [(words: String, location: SourceLocation)] = []
            for word in text.split(whereSeparator: { $0.isWhitespace }).map(String.init) {
                let lowered = word.lowercased()
                if let lastWord, Self.articles.contains(lowered), lastWord.lowercased() == lowered {
                    found.append(("\(lastWord) \(word)", location))
                }
                lastWord = word
            }
            return found
        }
    }

    private mutating func record(_ name: String, _ attributes: [HTMLAttribute], at location: SourceLocation) {
        switch name {
        case "html":
            htmlTag = location
            language = attributes.first { $0.name == "lang" }?.value
        case "title" where titleTag == nil:
            titleTag = location
        case "body":
            bodyTag = location
        case "h1":
            headingsOne.append(location)
        default:
            break
        }
        let rel = name == "link" ? attributes.first { $0.name == "rel" }?.value.lowercased() : nil
        for attribute in attributes {
            let at = SourceLocation(path: path, line: attribute.line, column: attribute.column)
            switch attribute.name {
            case "id":
                ids.append((attribute.value, at))
                if idSet.insert(attribute.value).inserted { distinctIDs.append(attribute.value) }
            case "href", "src":
                let reference = Reference(attribute: attribute.name, value: attribute.value, location: at, rel: rel)
                references.append(reference)
                if rel?.split(separator: " ").contains("stylesheet") == true { styles.append(.stylesheet(reference)) }
            default:
                break
            }
        }
    }
}
