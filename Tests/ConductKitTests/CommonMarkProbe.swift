import Markdown

/// The HTML of a Markdown text's blocks, for tests of the wrapper seen from ConductKit.
enum CommonMarkProbe {
    static func render(_ source: String) -> String {
        CommonMark.parse(source).blocks.map { block in
            if case .content(let html, _, _) = block { return html }
            return ""
        }.joined()
    }
}
