import Foundation
import Yams

/// A YAML mapping read with every key's and value's location, so that typos, missing
/// keys and wrong types are reported at `path:line:col`.
struct YAMLMapping {
    let path: String
    /// Added to Yams' line numbers when the YAML sits below the first line of a file
    /// (front matter starts on line 2).
    let lineOffset: Int
    let location: SourceLocation
    private let entries: [(key: String, keyLocation: SourceLocation, value: Node)]

    /// Parses `text`; a syntax error, or a document that is not a mapping, is added to
    /// `diagnostics` and gives nil. An empty document is an empty mapping.
    static func parse(_ text: String, path: String, lineOffset: Int = 0, what: String,
                      diagnostics: inout [Diagnostic]) -> YAMLMapping? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.append(syntaxError(error, path: path, lineOffset: lineOffset))
            return nil
        } catch {
            diagnostics.append(Diagnostic(.yamlSyntax(problem: "\(error)"), at: SourceLocation(path: path)))
            return nil
        }
        let start = SourceLocation(path: path, line: 1 + lineOffset, column: 1)
        guard let node else {
            return YAMLMapping(path: path, lineOffset: lineOffset, location: start, node: nil)
        }
        let mapping = YAMLMapping(path: path, lineOffset: lineOffset, location: start, node: node)
        guard node.mapping != nil else {
            diagnostics.append(Diagnostic(.notAMapping(what: what), at: mapping.location(of: node)))
            return nil
        }
        return mapping
    }

    private init(path: String, lineOffset: Int, location: SourceLocation, node: Node?) {
        self.path = path
        self.lineOffset = lineOffset
        self.location = location
        var entries: [(String, SourceLocation, Node)] = []
        for (key, value) in node?.mapping ?? [:] {
            let keyLocation = Self.location(of: key, path: path, lineOffset: lineOffset, fallback: location)
            entries.append((key.string ?? "", keyLocation, value))
        }
        self.entries = entries
    }

    private static func syntaxError(_ error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return Diagnostic(.yamlSyntax(problem: text), at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.yamlSyntax(problem: "key '\(duplicates.joined(separator: "', '"))' appears more than once"),
                              at: at(context.mark))
        case .reader(let problem, _, _, _):
            return Diagnostic(.yamlSyntax(problem: problem), at: SourceLocation(path: path))
        default:
            return Diagnostic(.yamlSyntax(problem: "\(error)"), at: SourceLocation(path: path))
        }
    }

    private static func location(of node: Node, path: String, lineOffset: Int, fallback: SourceLocation) -> SourceLocation {
        guard let mark = node.mark else { return fallback }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    func location(of node: Node) -> SourceLocation {
        Self.location(of: node, path: path, lineOffset: lineOffset, fallback: location)
    }

    /// Reports keys outside `allowed` (typos must not pass silently) and missing
    /// `required` keys.
    func checkKeys(allowed: [String], required: [String], diagnostics: inout [Diagnostic]) {
        for entry in entries where !allowed.contains(entry.key) {
            diagnostics.append(Diagnostic(.unknownKey(entry.key, allowed: allowed), at: entry.keyLocation))
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            diagnostics.append(Diagnostic(.missingKey(key), at: location))
        }
    }

    private func entry(_ key: String) -> (key: String, keyLocation: SourceLocation, value: Node)? {
        entries.first { $0.key == key }
    }

    /// A single non-empty text value, or nil (with a diagnostic when present but wrong).
    ///
    /// - Parameter locatingText: locate the text itself, after an opening quote, for
    ///   values whose words are checked one by one (the column of a word is then the
    ///   value's column plus its place in the text).
    func string(_ key: String, locatingText: Bool = false, diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let entry = entry(key) else { return nil }
        return scalar(entry.value, key: key, locatingText: locatingText, diagnostics: &diagnostics)
    }

    private func scalar(_ node: Node, key: String, locatingText: Bool = false,
                        diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let scalar = node.scalar else {
            diagnostics.append(Diagnostic(.wrongType(key: key, expected: "a single value"), at: location(of: node)))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, node.null == nil else {
            diagnostics.append(Diagnostic(.emptyValue(key: key), at: location(of: node)))
            return nil
        }
        var at = location(of: node)
        if locatingText, [.singleQuoted, .doubleQuoted].contains(scalar.style) { at.column += 1 }
        return Located(value: text, location: at)
    }

    /// A list of single values (`[a, b]` or one `- item` a line).
    func strings(_ key: String, locatingText: Bool = false, diagnostics: inout [Diagnostic]) -> [Located<String>] {
        guard let entry = entry(key) else { return [] }
        guard let sequence = entry.value.sequence else {
            diagnostics.append(Diagnostic(.wrongType(key: key, expected: "a list, one `- item` a line"),
                                          at: location(of: entry.value)))
            return []
        }
        return sequence.compactMap { scalar($0, key: key, locatingText: locatingText, diagnostics: &diagnostics) }
    }

    /// A list of mappings, each checked like a top-level one.
    func mappings(_ key: String, diagnostics: inout [Diagnostic]) -> [YAMLMapping] {
        guard let entry = entry(key) else { return [] }
        guard let sequence = entry.value.sequence else {
            diagnostics.append(Diagnostic(.wrongType(key: key, expected: "a list, one `- item` a line"),
                                          at: location(of: entry.value)))
            return []
        }
        return sequence.compactMap { item in
            guard item.mapping != nil else {
                diagnostics.append(Diagnostic(.notAMapping(what: "each item of '\(key)'"), at: location(of: item)))
                return nil
            }
            return YAMLMapping(path: path, lineOffset: lineOffset, location: location(of: item), node: item)
        }
    }
}
