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
        if let refused = firstRefusedConstruct(in: text) {
            diagnostics.append(Diagnostic(refused.reason, at: SourceLocation(path: path, line: refused.line + lineOffset,
                                                                             column: refused.column)))
            return nil
        }
        // Every value is read as text (`node.null` goes by the text alone), so no
        // scalar needs its type guessed with Yams' regular expressions; and the encoding
        // is given, or Yams would read the whole environment for each file.
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
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

    /// The site's files are a few levels of keys and lists; deeper nesting is refused
    /// before Yams, which reads each level with one more call on the stack.
    static let maximumDepth = 32

    /// The first of two things the site's files never need, which could make Yams take
    /// forever or crash, found by a light scan before Yams sees the text:
    /// - an anchor (`&name`) or alias (`*name`): aliases let a small file stand for an
    ///   enormous one ("billion laughs"), and Yams compares mapping keys whole, so an
    ///   alias used as a key could take forever. Found as an `&` or `*` where a value
    ///   starts, outside quotes, comments and block scalars (`|`, `>`);
    /// - nesting deeper than `maximumDepth`, by indentation or brackets.
    static func firstRefusedConstruct(in text: String) -> (line: Int, column: Int, reason: Diagnostic.Reason)? {
        // Every character this looks for is ASCII, and no byte of a longer UTF-8
        // character is, so it reads bytes.
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), carriageReturn = UInt8(ascii: "\r")
        func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == carriageReturn }
        var quote: UInt8?
        var blockIndent: Int?
        var flowDepth = 0
        var indents: [Int] = []
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            /// 1-based, counting characters rather than bytes.
            func column(_ position: Int) -> Int { bytes[..<position].filter { $0 & 0xC0 != 0x80 }.count + 1 }
            let indent = bytes.prefix { $0 == space }.count
            if let parent = blockIndent {
                if indent > parent || bytes.allSatisfy(isBlank) { continue }
                blockIndent = nil
            }
            if quote == nil, flowDepth == 0, let first = bytes.dropFirst(indent).first, first != UInt8(ascii: "#"), !isBlank(first) {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
                if indents.count > maximumDepth { return (index + 1, indent + 1, .yamlTooDeep(maximum: maximumDepth)) }
            }
            var atValueStart = quote == nil
            var position = quote == nil ? indent : 0
            scan: while position < bytes.count {
                let byte = bytes[position]
                let next = position + 1 < bytes.count ? bytes[position + 1] : space
                defer { position += 1 }
                if let open = quote {
                    if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                        position += 1
                    } else if byte == open {
                        if open == UInt8(ascii: "'") && next == UInt8(ascii: "'") { position += 1 } else { quote = nil }
                    }
                    continue
                }
                switch UnicodeScalar(byte) {
                case " ", "\t":
                    continue
                case "#" where position == 0 || isBlank(bytes[position - 1]):
                    break scan
                case "&" where atValueStart, "*" where atValueStart:
                    return (index + 1, column(position), .yamlAnchor)
                case "'" where atValueStart, "\"" where atValueStart:
                    quote = byte
                case "|" where atValueStart && flowDepth == 0, ">" where atValueStart && flowDepth == 0:
                    blockIndent = indent
                    break scan
                case "!" where atValueStart:
                    // A tag (`!!str`) may come before an anchor.
                    while position + 1 < bytes.count, !isBlank(bytes[position + 1]) { position += 1 }
                    continue
                case "[" where atValueStart, "{" where atValueStart:
                    flowDepth += 1
                    if indents.count + flowDepth > maximumDepth {
                        return (index + 1, column(position), .yamlTooDeep(maximum: maximumDepth))
                    }
                    continue
                case "]" where flowDepth > 0, "}" where flowDepth > 0:
                    flowDepth -= 1
                case "," where flowDepth > 0:
                    atValueStart = true
                    continue
                case "-" where atValueStart && isBlank(next), "?" where atValueStart && isBlank(next):
                    // `- - item` nests a list in a list on one line.
                    indents.append(position + 1)
                    if indents.count + flowDepth > maximumDepth {
                        return (index + 1, column(position), .yamlTooDeep(maximum: maximumDepth))
                    }
                    atValueStart = true
                    continue
                case ":" where isBlank(next):
                    atValueStart = true
                    continue
                default:
                    break
                }
                atValueStart = false
            }
        }
        return nil
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
            return Diagnostic(.duplicateKey(duplicates.joined(separator: "', '")), at: at(context.mark))
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
    /// - Parameter allowingEmpty: an empty value (`key:` or `key: ""`) is "" rather than
    ///   an error, for keys whose emptiness means something (a translation's `reviewed_by`).
    func string(_ key: String, locatingText: Bool = false, allowingEmpty: Bool = false,
                diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let entry = entry(key) else { return nil }
        return scalar(entry.value, key: key, locatingText: locatingText, allowingEmpty: allowingEmpty, diagnostics: &diagnostics)
    }

    private func scalar(_ node: Node, key: String, locatingText: Bool = false, allowingEmpty: Bool = false,
                        diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let scalar = node.scalar else {
            diagnostics.append(Diagnostic(.wrongType(key: key, expected: "a single value"), at: location(of: node)))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if allowingEmpty, text.isEmpty || node.null != nil { return Located(value: "", location: location(of: node)) }
        guard !text.isEmpty, node.null == nil else {
            diagnostics.append(Diagnostic(.emptyValue(key: key), at: location(of: node)))
            return nil
        }
        if text.count > Self.maximumValueLength {
            diagnostics.append(Diagnostic(.valueTooLong(key: key, maximum: Self.maximumValueLength), at: location(of: node)))
            return nil
        }
        if let control = text.unicodeScalars.first(where: ControlCharacters.contains) {
            diagnostics.append(Diagnostic(.controlCharacter(key: key, code: control.value), at: location(of: node)))
            return nil
        }
        var at = location(of: node)
        if locatingText, [.singleQuoted, .doubleQuoted].contains(scalar.style) { at.column += 1 }
        return Located(value: text, location: at)
    }

    /// Far longer than any name, address or sentence a value holds; every page repeats
    /// some values, so one huge value would make a huge site.
    static let maximumValueLength = 1_000

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
