/// Draws the points of a document with pictures (`PageKind.Check.pictures`): a paragraph
/// that starts with an icon becomes the icon, drawn inline with the picture's words as
/// its text alternative, beside the paragraph.
enum PicturePoints {
    /// `html` with each paragraph that starts with `<img src="icons/….svg">` (as cmark
    /// writes a picture) drawn as a point. The validator has checked that every picture
    /// starts its paragraph and names an icon of `icons`.
    static func draw(_ html: String, icons: [String: Icon]) -> String {
        var result = ""
        var rest = html[...]
        while let start = rest.range(of: "<p><img src=\"icons/") {
            result += rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            guard let point = point(in: rest, icons: icons) else {
                result += "<p><img src=\"icons/"
                continue
            }
            result += "<div class=\"point\">\n" + point.picture + "\n<p>" + point.words + "</p>\n</div>"
            rest = point.rest
        }
        return result + rest
    }

    /// The picture and words of a point whose `<p><img src="icons/` has just been read.
    private static func point(in html: Substring, icons: [String: Icon])
        -> (picture: String, words: Substring, rest: Substring)? {
        // cmark writes `<img src="…" alt="…" />`, with ` title="…"` when the picture has one;
        // the alt text is already escaped for an attribute.
        guard let nameEnd = html.range(of: ".svg\" alt=\""),
              let icon = icons[String(html[..<nameEnd.lowerBound])],
              let altEnd = html[nameEnd.upperBound...].firstIndex(of: "\""),
              let tagEnd = html[altEnd...].range(of: " />"),
              let paragraphEnd = html[tagEnd.upperBound...].range(of: "</p>") else { return nil }
        let alt = html[nameEnd.upperBound..<altEnd]
        let words = html[tagEnd.upperBound..<paragraphEnd.lowerBound].drop { $0 == " " }
        let picture = "<svg class=\"point-picture\" role=\"img\" aria-label=\"\(alt)\""
            + icon.markup.dropFirst("<svg".count)
        return (picture, words, html[paragraphEnd.upperBound...])
    }
}
