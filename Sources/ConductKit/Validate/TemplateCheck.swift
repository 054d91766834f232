/// Reads every page template, and every partial it includes, as the renderer will use
/// it, against the keys of the values that page gets (`PageTemplates`): Mustache
/// itself renders an unknown key, or a missing value, as nothing.
///
/// - every `{{key}}`, section and inverted section names a key the page has, looked up
///   as Mustache does (inside a section, the section's value first);
/// - `{{{…}}}` and `{{&…}}` write only HTML that cmark made;
/// - no partial includes itself, directly or through others (rendering would never end);
/// - no tags that change how the rest is read (delimiters, pragmas, inheritance);
/// - no page template is empty.
struct TemplateCheck {
    /// The templates in use: the shared ones, with a school's own in their place.
    let templates: [String: TemplateSource]
    private var tags: [String: [MustacheTag]] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    /// A partial is read once for each page that includes it: each problem is told once.
    private var seen: Set<String> = []
    /// Templates already read with a given stack of values.
    private var walked: Set<Walk> = []

    private struct Walk: Hashable {
        var template: String
        var stack: [TemplateKeys.Shape]
    }

    /// An include on the way to the template being read.
    private struct Include {
        var template: String
        var path: String
        /// The `{{> …}}` tag that led on, in `path`.
        var tag: SourceLocation?
    }

    /// Partials within partials, far more than any page needs; rendering (and this
    /// check) go one level deeper on the stack for each.
    static let maximumDepth = 16

    init(templates: [String: TemplateSource]) {
        self.templates = templates
    }

    /// The problems in the page templates of `templates` and what they include.
    static func check(_ templates: [String: TemplateSource]) -> [Diagnostic] {
        var check = TemplateCheck(templates: templates)
        for page in PageTemplates.all {
            guard let source = templates[page.name] else { continue }
            // An empty page would be published without a word.
            if source.text.allSatisfy(\.isWhitespace) {
                check.report(.emptyTemplate(page.name), at: SourceLocation(path: source.path))
            }
            check.walk(page.name, stack: [page.keys], chain: [])
        }
        return check.diagnostics
    }

    private mutating func report(_ reason: Diagnostic.Reason, at location: SourceLocation) {
        let diagnostic = Diagnostic(reason, at: location)
        if seen.insert("\(location): \(diagnostic.message)").inserted { diagnostics.append(diagnostic) }
    }

    private mutating func walk(_ name: String, stack: [TemplateKeys.Shape], chain: [Include]) {
        guard let source = templates[name], walked.insert(Walk(template: name, stack: stack)).inserted else { return }
        if tags[name] == nil { tags[name] = MustacheTag.scan(source.text) }
        var stack = stack
        /// For each open section, whether it added a value to the stack.
        var open: [Bool] = []
        for tag in tags[name] ?? [] {
            let at = SourceLocation(path: source.path, line: tag.line, column: tag.column)
            switch tag.kind {
            case .comment:
                continue
            case .unsupported:
                report(.unsupportedTemplateTag(tag.written), at: at)
                return
            case .close:
                if open.popLast() == true { stack.removeLast() }
            case .partial:
                let here = Include(template: name, path: source.path, tag: at)
                if let start = chain.firstIndex(where: { $0.template == tag.name }) ?? (tag.name == name ? chain.count : nil) {
                    let loop = Array(chain[start...]) + [here]
                    // Blame a school's own template when one is in the loop: the shared
                    // templates alone have been checked already.
                    let blamed = loop.first { $0.path.hasPrefix("Schools/") }?.tag ?? at
                    report(.partialCycle(loop.map(\.template) + [tag.name]), at: blamed)
                } else if chain.count >= Self.maximumDepth {
                    report(.partialsTooDeep(maximum: Self.maximumDepth), at: at)
                } else {
                    walk(tag.name, stack: stack, chain: chain + [here])
                }
            case .variable, .unescaped, .section, .inverted:
                guard let shape = resolve(tag, in: stack, at: at) else {
                    if tag.kind == .section || tag.kind == .inverted { open.append(false) }
                    continue
                }
                switch (tag.kind, shape) {
                case (.variable, .object), (.variable, .list), (.unescaped, .object), (.unescaped, .list):
                    report(.templateValueIsGroup(tag.written, keys: Self.keys(of: shape)), at: at)
                case (.unescaped, .text), (.unescaped, .flag):
                    report(.unescapedTemplateValue(tag.written, html: Self.htmlKeys(in: stack)), at: at)
                case (.section, .list(let item)):
                    stack.append(item)
                    open.append(true)
                case (.section, .object), (.section, .text), (.section, .html):
                    stack.append(shape)
                    open.append(true)
                case (.section, .flag), (.inverted, _):
                    open.append(false)
                default:
                    break
                }
            }
        }
    }

    /// The shape `tag` names, looked up as Mustache does: the first part of the name
    /// in the innermost value that has it, the rest inside that.
    private mutating func resolve(_ tag: MustacheTag, in stack: [TemplateKeys.Shape], at: SourceLocation) -> TemplateKeys.Shape? {
        if tag.name == "." { return stack.last }
        let parts = tag.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !tag.name.contains("("), !parts.dropFirst(tag.name.hasPrefix(".") ? 1 : 0).contains("") else {
            report(.unsupportedTemplateTag(tag.written), at: at)
            return nil
        }
        let frames = tag.name.hasPrefix(".") ? Array(stack.suffix(1)) : stack
        let names = tag.name.hasPrefix(".") ? Array(parts.dropFirst()) : parts
        guard let first = names.first,
              var shape = frames.reversed().lazy.compactMap({ Self.child(first, of: $0) }).first else {
            // The many keys of the interface text are listed when a `strings.` tag is wrong.
            let known = frames.flatMap { Self.paths(in: $0, skipping: PageText.templateKey) }
            report(.unknownTemplateKey(tag.written, name: tag.name, known: Array(Set(known)).sorted()), at: at)
            return nil
        }
        var path = first
        for part in names.dropFirst() {
            guard case .object = shape else {
                report(.templateValueHasNoKeys(tag.written, value: path), at: at)
                return nil
            }
            guard let next = Self.child(part, of: shape) else {
                let known = Self.paths(in: shape).map { "\(path).\($0)" }
                report(.unknownTemplateKey(tag.written, name: tag.name, known: known.sorted()), at: at)
                return nil
            }
            shape = next
            path += "." + part
        }
        return shape
    }

    private static func child(_ name: String, of shape: TemplateKeys.Shape) -> TemplateKeys.Shape? {
        if case .object(let keys) = shape { return keys[name] }
        return nil
    }

    private static func keys(of shape: TemplateKeys.Shape) -> [String] {
        switch shape {
        case .object(let keys): keys.keys.sorted()
        case .list(let item): keys(of: item)
        default: []
        }
    }

    /// Every dotted key reachable in `shape` without entering a list, or the keys of
    /// the value named `skipping`.
    private static func paths(in shape: TemplateKeys.Shape, skipping: String? = nil) -> [String] {
        guard case .object(let keys) = shape else { return [] }
        return keys.flatMap { key, value -> [String] in
            if case .object = value, key != skipping { return [key] + paths(in: value).map { "\(key).\($0)" } }
            return [key]
        }
    }

    private static func htmlKeys(in stack: [TemplateKeys.Shape]) -> [String] {
        func html(in shape: TemplateKeys.Shape, prefix: String) -> [String] {
            switch shape {
            case .html: [prefix]
            // The interface text is all HTML: its keys are named together.
            case .object where prefix == PageText.templateKey: ["\(prefix).…"]
            case .object(let keys): keys.flatMap { html(in: $1, prefix: prefix.isEmpty ? $0 : "\(prefix).\($0)") }
            case .list(let item): html(in: item, prefix: prefix)
            default: []
            }
        }
        return Array(Set(stack.flatMap { html(in: $0, prefix: "") })).sorted()
    }
}
