/// Draws the points of a document with pictures (`PageKind.Check.pictures`): a paragraph
/// that starts with an icon becomes the icon, drawn inline with the picture's words as
/// its text alternative, beside the paragraph.
///
/// It reads the page as UTF-8 bytes: searching a `String` with Foundation went through
/// UTF-16 offsets of the whole page for every point (a sixth of a build's CPU).
enum PicturePoints {
    /// `html` with each paragraph that starts with `<img src="icons/….svg">` (as cmark
    /// writes a picture) drawn as a point. The validator has checked that every picture
    /// starts its paragraph and names an icon of `icons`.
    static func draw(_ html: String, icons: [String: Icon]) -> String {
        let bytes = Array(html.utf8)
        guard var start = UTF8Search.index(of: pointStart, in: bytes, from: 0) else { return html }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        var copied = 0
        while true {
            let after = start + pointStart.count
            if let point = point(in: bytes, from: after, icons: icons) {
                result += bytes[copied..<start]
                result += "<div class=\"point\">\n".utf8
                result += point.picture
                result += "\n<p>".utf8
                result += point.words.utf8
                result += "</p>\n</div>".utf8
                copied = point.end
            }
            guard let next = UTF8Search.index(of: pointStart, in: bytes, from: max(after, copied)) else { break }
            start = next
        }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }

    private static let pointStart = Array("<p><img src=\"icons/".utf8)
    private static let nameEnd = Array(".svg\" alt=\"".utf8)
    private static let quote = Array("\"".utf8)
    private static let tagEnd = Array(" />".utf8)
    private static let paragraphEnd = Array("</p>".utf8)

    /// The picture and words of a point whose `<p><img src="icons/` ends at `start`, and
    /// where the point's paragraph ends.
    private static func point(in html: [UInt8], from start: Int, icons: [String: Icon])
        -> (picture: [UInt8], words: Substring, end: Int)? {
        // cmark writes `<img src="…" alt="…" />`, with ` title="…"` when the picture has one;
        // the alt text is already escaped for an attribute.
        guard let name = UTF8Search.index(of: nameEnd, in: html, from: start),
              let icon = icons[String(decoding: html[start..<name], as: UTF8.self)],
              let altEnd = UTF8Search.index(of: quote, in: html, from: name + nameEnd.count),
              let tag = UTF8Search.index(of: tagEnd, in: html, from: altEnd),
              let paragraph = UTF8Search.index(of: paragraphEnd, in: html, from: tag + tagEnd.count) else { return nil }
        let alt = html[(name + nameEnd.count)..<altEnd]
        let words = String(decoding: html[(tag + tagEnd.count)..<paragraph], as: UTF8.self).drop { $0 == " " }
        var picture = Array("<svg class=\"point-picture\" role=\"img\" aria-label=\"".utf8)
        picture += alt
        picture += "\"".utf8
        picture += icon.markup.dropFirst("<svg".count).utf8
        return (picture, words, paragraph + paragraphEnd.count)
    }
}
