import Foundation
import Markdown

/// The pictures of the Easy Read: each icon of `Content/icons/` is a simple line drawing
/// that the pages draw inline, in the text's colour, with the point's words as its text
/// alternative; each point of a document that has pictures starts with one.
enum IconCheck {
    static let folder = "Content/icons"
    /// A line drawing needs far less; the pages carry every icon they show. Larger
    /// files are not read (`SizeLimit`).
    static let maximumSize = 4 * 1024

    /// The drawing elements an icon may use.
    private static let elements: Set<String> = ["svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect"]

    /// The attributes an icon may use: geometry and how lines are drawn.
    private static let attributes: Set<String> = [
        "xmlns", "viewbox", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "points",
        "transform", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-dasharray", "fill-rule", "clip-rule", "opacity", "fill-opacity", "stroke-opacity",
    ]

    /// The icons that follow the rules, by name (the file name without `.svg`).
    static func validate(_ sources: [IconSource], diagnostics: inout [Diagnostic]) -> [String: Icon] {
        var icons: [String: Icon] = [:]
        for source in sources {
            let data = withoutByteOrderMark(source.data)
            var problems = check(data, path: source.path)
            // A picture's address reaches the page percent-encoded (`serce%20%C5%BC.svg`),
            // where the point would no longer find its icon and stay a broken image.
            if !source.name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                problems.append(Diagnostic(.unsuitableIcon("is named '\(source.name).svg': an icon's name has only lowercase letters, "
                                                           + "digits and hyphens, such as phone-call.svg"),
                                           at: SourceLocation(path: source.path)))
            }
            diagnostics += problems
            if problems.isEmpty {
                let markup = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                icons[source.name] = Icon(name: source.name, markup: markup)
            }
        }
        return icons
    }

    /// An icon saved with a byte order mark, as editors on Windows may, without it: it
    /// is not part of the drawing, and other text files may have one too.
    private static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? Data(data.dropFirst(3)) : data
    }

    static func check(_ data: Data, path: String) -> [Diagnostic] {
        let data = withoutByteOrderMark(data)
        guard let text = String(data: data, encoding: .utf8) else {
            return [Diagnostic(.unreadableFile(problem: "it is not UTF-8 text"), at: SourceLocation(path: path))]
        }
        // Drawn inside the page as it is: nothing may come before or after the drawing.
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<svg"), trimmed.hasSuffix("</svg>") else {
            return [Diagnostic(.unsuitableIcon("must be one <svg> element, with nothing before or after it"),
                               at: SourceLocation(path: path))]
        }
        var problems: [Diagnostic] = []
        func report(_ what: String, line: Int, column: Int) {
            problems.append(Diagnostic(.unsuitableIcon(what), at: SourceLocation(path: path, line: line, column: column)))
        }
        // The tokenizer skips comments and the like, which a browser may end sooner
        // (`<!-->`, `--!>`) and so draw what the check never saw; a drawing needs none.
        for markup in otherMarkup(in: text) {
            report("holds a comment, doctype, CDATA or processing instruction ('\(markup.opening)'), which an icon does not need",
                   line: markup.line, column: markup.column)
        }
        var seenRoot = false
        for token in HTMLTokenizer.tokens(in: data) {
            switch token.kind {
            case .startTag(let name, let attributes):
                let isRoot = !seenRoot
                seenRoot = true
                if !elements.contains(name) || (name == "svg" && !isRoot) {
                    report("uses <\(name)>, which an icon does not need", line: token.line, column: token.column)
                }
                if isRoot { checkRoot(attributes, line: token.line, column: token.column, report: report) }
                for attribute in attributes {
                    if isRoot, attribute.name == "width" || attribute.name == "height" {
                        report("sets '\(attribute.name)' on the <svg>: the page sizes it", line: attribute.line, column: attribute.column)
                    } else if !self.attributes.contains(attribute.name) {
                        report("uses the attribute '\(attribute.name)', which an icon does not need",
                               line: attribute.line, column: attribute.column)
                    } else if attribute.name == "fill" || attribute.name == "stroke",
                              !["currentcolor", "none"].contains(attribute.value.lowercased()) {
                        report("is drawn in '\(attribute.value)': it must be drawn in currentColor (or none), to take the page's colour",
                               line: attribute.line, column: attribute.column)
                    }
                }
            case .endTag:
                break
            case .text(let text):
                if !text.allSatisfy(\.isWhitespace) {
                    report("holds text, which would be read out beside the picture's own words", line: token.line, column: token.column)
                }
            }
        }
        return problems
    }

    /// Each `<!` and `<?` in `text`, with its line and column.
    private static func otherMarkup(in text: String) -> [(opening: String, line: Int, column: Int)] {
        var found: [(opening: String, line: Int, column: Int)] = []
        var line = 1, column = 1
        var previous: Unicode.Scalar?
        for character in text.unicodeScalars {
            if previous == "<", character == "!" || character == "?" {
                found.append(("<\(character)", line, column - 1))
            }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previous = character
        }
        return found
    }

    private static func checkRoot(_ attributes: [HTMLAttribute], line: Int, column: Int,
                                  report: (String, Int, Int) -> Void) {
        func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
        if value("xmlns") != "http://www.w3.org/2000/svg" {
            report("needs xmlns=\"http://www.w3.org/2000/svg\" on its <svg>", line, column)
        }
        if value("viewbox")?.split(separator: " ") != ["0", "0", "48", "48"] {
            report("needs viewBox=\"0 0 48 48\" on its <svg>", line, column)
        }
    }

    /// Checks the pictures of a document that has them, or of a section placed in one:
    /// each starts its point, says what it shows, and is an icon of `icons`.
    ///
    /// - Returns: the names of the icons it uses.
    static func checkPictures(in markdown: String, firstLine: Int, path: String, icons: Set<String>,
                              diagnostics: inout [Diagnostic]) -> Set<String> {
        var used: Set<String> = []
        for picture in CommonMark.pictures(in: markdown, firstLine: firstLine) {
            let at = SourceLocation(path: path, line: picture.line, column: picture.column)
            if !picture.startsParagraph {
                diagnostics.append(Diagnostic(.pictureNotAtPointStart, at: at))
            }
            if picture.alt.allSatisfy(\.isWhitespace) {
                diagnostics.append(Diagnostic(.pictureWithoutWords, at: at))
            }
            if let name = iconName(picture.address), icons.contains(name) {
                used.insert(name)
            } else {
                diagnostics.append(Diagnostic(.unknownIcon(picture.address, known: icons.sorted()), at: at))
            }
        }
        return used
    }

    /// Pictures are drawn only on the pages of the documents that have them (the Easy
    /// Read); in any other Markdown a picture would be a broken image.
    static func refusePictures(in markdown: String, firstLine: Int, path: String, diagnostics: inout [Diagnostic]) {
        let documents = PageKind.documents(checked: .pictures).map(\.fileName).sorted()
        for picture in CommonMark.pictures(in: markdown, firstLine: firstLine) {
            diagnostics.append(Diagnostic(.pictureOutsideItsPages(documents: documents),
                                          at: SourceLocation(path: path, line: picture.line, column: picture.column)))
        }
    }

    /// "phone" for `icons/phone.svg`: how a document names an icon.
    static func iconName(_ address: String) -> String? {
        guard address.hasPrefix("icons/"), address.hasSuffix(".svg") else { return nil }
        let name = address.dropFirst("icons/".count).dropLast(".svg".count)
        return !name.isEmpty && !name.contains("/") ? String(name) : nil
    }
}
