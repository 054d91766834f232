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

    var canonical: Reference? { references.first { $0.rel == "canonical" } }

    init(path: String, contents: Data) {
        self.path = path
        // The element whose text comes next, when that text matters: a title or a style.
        var textOwner: String?
        for token in HTMLTokenizer.tokens(in: contents) {
            let location = SourceLocation(path: path, line: token.line, column: token.column)
            switch token.kind {
            case .startTag(let name, let attributes):
                textOwner = name
                record(name, attributes, at: location)
            case .text(let text):
                if textOwner == "title" { title += text }
                if textOwner == "style" { styles.append(.inline(Style(css: text, location: location))) }
            case .endTag:
                textOwner = nil
            }
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
