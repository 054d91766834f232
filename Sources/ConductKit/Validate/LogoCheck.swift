import Foundation

/// Checks that a logo is the kind of image its name says. Pages show it with `<img>`,
/// where an SVG cannot run code, but the file is also served on its own, where it can:
/// so an SVG may hold nothing that runs code or loads anything else.
enum LogoCheck {
    static func check(_ data: Data, fileExtension: String, path: String) -> [Diagnostic] {
        let at = SourceLocation(path: path)
        let bytes = [UInt8](data.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        switch fileExtension {
        case "png":
            return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? [] : [Diagnostic(.logoNotItsType("PNG"), at: at)]
        case "jpg", "jpeg":
            return starts([0xFF, 0xD8, 0xFF]) ? [] : [Diagnostic(.logoNotItsType("JPEG"), at: at)]
        case "webp":
            return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) ? [] : [Diagnostic(.logoNotItsType("WebP"), at: at)]
        default:
            return checkSVG(data, path: path)
        }
    }

    /// Elements that run code, show other documents or react to events.
    private static let unsafeElements: Set<String> = [
        "script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler", "listener",
    ]

    /// Pictures inside the file, as design tools export them: they cannot run code.
    private static let embeddedImagePrefixes = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]

    /// Markup a browser reads in an SVG file that the tokenizer skips or keeps as text
    /// (inside `<title>` or `<style>`, which XML does not treat as raw text); found by
    /// a plain search so that nothing hides there.
    private static let unsafeMarkup = ["<script", "<foreignobject", "<!doctype", "<!entity", "<?xml-stylesheet",
                                       "javascript:", "@import"]

    private static func checkSVG(_ data: Data, path: String) -> [Diagnostic] {
        let tokens = HTMLTokenizer.tokens(in: data)
        guard tokens.contains(where: { $0.startTagName == "svg" }) else {
            return [Diagnostic(.logoNotItsType("SVG"), at: SourceLocation(path: path))]
        }
        var problems: [Diagnostic] = []
        func report(_ what: String, line: Int, column: Int) {
            problems.append(Diagnostic(.unsafeSVG(what), at: SourceLocation(path: path, line: line, column: column)))
        }
        for token in tokens {
            switch token.kind {
            case .startTag(let name, let attributes):
                if unsafeElements.contains(name) { report("a <\(name)> element", line: token.line, column: token.column) }
                for attribute in attributes {
                    let value = normalised(attribute.value)
                    if attribute.name.hasPrefix("on") {
                        report("an event attribute '\(attribute.name)'", line: attribute.line, column: attribute.column)
                    } else if value.contains("javascript:") {
                        report("a javascript: address", line: attribute.line, column: attribute.column)
                    } else if attribute.name.hasSuffix("href") || attribute.name == "src", !value.hasPrefix("#"),
                              !embeddedImagePrefixes.contains(where: value.hasPrefix) {
                        report("a reference to another file, '\(attribute.value)'", line: attribute.line, column: attribute.column)
                    } else if let address = externalURL(in: value) {
                        report("a reference to another file, '\(address)'", line: attribute.line, column: attribute.column)
                    } else if name.hasPrefix("animate") || name == "set", attribute.name == "attributename",
                              value.hasSuffix("href") || value.hasPrefix("on") {
                        report("an animation of '\(attribute.value)'", line: attribute.line, column: attribute.column)
                    }
                }
            case .text(let text):
                if let address = externalURL(in: normalised(text)) {
                    report("a reference to another file, '\(address)'", line: token.line, column: token.column)
                }
            case .endTag:
                break
            }
        }
        if problems.isEmpty {
            let text = normalised(String(decoding: data, as: UTF8.self))
            if let markup = unsafeMarkup.first(where: { text.contains($0) }) {
                report("'\(markup)'", line: 1, column: 1)
            }
        }
        return problems
    }

    /// Lowercased, without the spaces and control characters browsers ignore inside
    /// addresses (`java\tscript:`).
    private static func normalised(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            !($0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F)
        }))
    }

    /// The first CSS `url(…)` in `text` that is not a reference within the file.
    private static func externalURL(in text: String) -> String? {
        var rest = text[...]
        while let range = rest.range(of: "url(") {
            rest = rest[range.upperBound...]
            let address = rest.drop { $0 == "\"" || $0 == "'" }
            if !address.hasPrefix("#") { return String(address.prefix { $0 != ")" }) }
        }
        return nil
    }
}
