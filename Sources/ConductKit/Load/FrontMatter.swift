/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter {
    var yaml: String
    /// The front matter's first line sits on line 2 of the file, after `---`.
    var yamlLineOffset: Int { 1 }
    var body: String
    var bodyFirstLine: Int

    /// Files without front matter are all body. A `---` opening with no closing line
    /// is reported and gives nil: the rest of the file cannot be trusted.
    static func split(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> FrontMatter? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingWhitespace == "---" else {
            return FrontMatter(yaml: "", body: text, bodyFirstLine: 1)
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingWhitespace == "---" }) else {
            diagnostics.append(Diagnostic(.missingFrontMatterEnd, at: SourceLocation(path: path)))
            return nil
        }
        return FrontMatter(
            yaml: lines[1..<end].joined(separator: "\n"),
            body: lines[(end + 1)...].joined(separator: "\n"),
            bodyFirstLine: end + 2
        )
    }
}

extension Substring {
    fileprivate var trimmingTrailingWhitespace: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
