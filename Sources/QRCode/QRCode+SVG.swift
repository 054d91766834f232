extension QRCode {
    /// The light margin a reader needs around the symbol, in modules.
    public static let quietZone = 4

    /// The symbol as inline SVG for an HTML page: a white square with its quiet zone and
    /// one path for the dark modules, one module to a unit of its `viewBox`. It has no
    /// width or height of its own, so the page's styles set its printed size; edges stay
    /// sharp at any size (`crispEdges`).
    ///
    /// - Parameter label: its text alternative (`aria-label`), which should say where the
    ///   code leads; escaped here.
    public func svg(label: String) -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        // One rectangle for each run of dark modules along a row.
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                let length = column - start
                path += "M\(start + Self.quietZone) \(row + Self.quietZone)h\(length)v1h-\(length)z"
            }
        }
        return #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(side) \#(side)" role="img" "#
            + #"aria-label="\#(Self.escapedAttribute(label))" shape-rendering="crispEdges">"#
            + ##"<rect width="\##(side)" height="\##(side)" fill="#ffffff"/><path fill="#000000" d="\##(path)"/></svg>"##
    }

    /// `text` as the value of a double-quoted attribute.
    private static func escapedAttribute(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
