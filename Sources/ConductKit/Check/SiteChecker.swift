import Foundation

/// Checks a built site without the network: links and fragments, ids, each page's
/// title, language and `h1`, addresses in sitemaps, and the contrast of each school's
/// colours. Pure: the site comes in as values, the problems go out as values.
public enum SiteChecker {
    /// - Parameters:
    ///   - schools: slugs to check; empty checks every school and the consortium's page.
    ///     Links are followed into the whole site either way.
    ///   - locationPrefix: put before every path reported, e.g. "Output/", so that
    ///     locations read as paths from where the user is.
    public static func check(_ site: BuiltSite, schools: [String] = [], locationPrefix: String = "") -> SiteCheck {
        var checker = Checker(site: site, schools: schools, prefix: locationPrefix)
        return checker.run()
    }
}

private struct Checker {
    let files: [String: OutputFile]
    let pages: [String: PageScan]
    let prefix: String
    let schools: [String]
    /// The pages to check, in path order.
    let pagesInScope: [PageScan]
    /// Each school's `base_url` and its path, as its canonical links give them.
    var addresses: [String: (url: String, path: String)] = [:]
    var diagnostics: [Diagnostic] = []

    init(site: BuiltSite, schools: [String], prefix: String) {
        files = Dictionary(site.files.map { ($0.path, $0) }) { $1 }
        pages = Dictionary(uniqueKeysWithValues: site.files.filter(\.isPage).map {
            ($0.path, PageScan(path: $0.path, contents: $0.contents))
        })
        self.prefix = prefix
        self.schools = schools.isEmpty ? site.schools : schools
        let scope = Set(self.schools)
        pagesInScope = pages.values.filter { page in
            BuiltSite.school(of: page.path).map(scope.contains) ?? schools.isEmpty
        }.sorted { $0.path < $1.path }
    }

    mutating func run() -> SiteCheck {
        for school in schools { findAddress(of: school) }
        for page in pagesInScope {
            checkStructure(of: page)
            checkReferences(of: page)
        }
        for school in schools {
            if let sitemap = files["\(school)/sitemap.xml"] { checkSitemap(sitemap, of: school) }
        }
        var contrast = measureContrast()
        diagnostics += contrast.filter { !$0.passes }.map(diagnose)
        let relocated = Set(diagnostics).map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.location.path = prefix + diagnostic.location.path
            return diagnostic
        }
        for index in contrast.indices { contrast[index].location.path = prefix + contrast[index].location.path }
        return SiteCheck(diagnostics: relocated.sortedByLocation(), pages: pagesInScope.count, schools: schools,
                         contrast: contrast)
    }

    private func display(_ path: String) -> String { prefix + path }

    // MARK: Pages

    private mutating func checkStructure(of page: PageScan) {
        let start = SourceLocation(path: page.path)
        if (page.language ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            diagnostics.append(Diagnostic(.missingLanguage, at: page.htmlTag ?? start))
        }
        if page.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.append(Diagnostic(.missingPageTitle, at: page.titleTag ?? start))
        }
        if page.headingsOne.count != 1 {
            let location = page.headingsOne.dropFirst().first ?? page.bodyTag ?? start
            diagnostics.append(Diagnostic(.headingOneCount(page.headingsOne.count), at: location))
        }
        for repeated in page.repeatedArticles {
            diagnostics.append(Diagnostic(.repeatedArticle(repeated.words), at: repeated.location))
        }
        var firstUse: [String: Int] = [:]
        for (id, location) in page.ids {
            if let line = firstUse[id] {
                diagnostics.append(Diagnostic(.duplicateID(id, firstLine: line), at: location))
            } else {
                firstUse[id] = location.line
            }
        }
    }

    private mutating func checkReferences(of page: PageScan) {
        for reference in page.references {
            if case .problem(let reason) = resolve(reference, on: page) {
                diagnostics.append(Diagnostic(reason, at: reference.location))
            }
        }
        if let canonical = page.canonical, let school = BuiltSite.school(of: page.path), let address = addresses[school] {
            let expected = address.url + Self.addressSuffix(of: page.path, in: school)
            if canonical.value != expected {
                diagnostics.append(Diagnostic(.canonicalMismatch(canonical.value, expected: expected), at: canonical.location))
            }
        }
    }

    // MARK: Links

    private enum Resolution {
        /// A file of the site, with the fragment, if any, found on it.
        case file(String)
        /// An https address, or a `mailto:` or `tel:` one: not followed.
        case elsewhere
        case problem(Diagnostic.Reason)
    }

    private func resolve(_ reference: PageScan.Reference, on page: PageScan) -> Resolution {
        let address = reference.value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty else { return .problem(.emptyLink(attribute: reference.attribute)) }
        if let scheme = Self.scheme(of: address) {
            switch scheme {
            case "https": return Self.externalProblem(address).map(Resolution.problem) ?? .elsewhere
            case "http": return .problem(.insecureLink(address))
            case "mailto", "tel": return .elsewhere
            default: return .problem(.unsupportedLink(address))
            }
        }
        if address.hasPrefix("//") { return .problem(.unsupportedLink(address)) }

        let (pathPart, fragmentPart) = Self.split(address, at: "#")
        let path = Self.split(pathPart, at: "?").before
        guard let decodedPath = path.removingPercentEncoding else { return .problem(.malformedLink(address)) }
        var fragment: String?
        if let fragmentPart {
            guard let decoded = fragmentPart.removingPercentEncoding else { return .problem(.malformedLink(address)) }
            fragment = decoded
        }
        let school = BuiltSite.school(of: page.path)
        let target: String
        if decodedPath.isEmpty {
            target = page.path
        } else if decodedPath.hasPrefix("/") {
            guard let school, let base = addresses[school] else { return .problem(.siteAddressUnknown(address)) }
            guard decodedPath.hasPrefix(base.path),
                  let resolved = Self.resolve(String(decodedPath.dropFirst(base.path.count)), from: school + "/"),
                  resolved.hasPrefix(school + "/") else {
                return .problem(.linkLeavesSite(address, site: "the school's address \(base.path)"))
            }
            target = resolved
        } else {
            guard let resolved = Self.resolve(decodedPath, from: page.path) else {
                return .problem(.linkLeavesSite(address, site: "the site"))
            }
            if let school, !resolved.hasPrefix(school + "/") {
                return .problem(.linkLeavesSite(address, site: "the school's folder \(display(school + "/"))"))
            }
            target = resolved
        }
        return check(target, fragment: fragment, for: address)
    }

    private func check(_ target: String, fragment: String?, for address: String) -> Resolution {
        guard files[target] != nil else { return .problem(.linkTargetMissing(address, target: display(target))) }
        guard let fragment, !fragment.isEmpty else { return .file(target) }
        guard let page = pages[target], page.idSet.contains(fragment) else {
            return .problem(.fragmentMissing(fragment, page: display(target), known: pages[target]?.distinctIDs ?? []))
        }
        return .file(target)
    }

    /// `path` (decoded, without query or fragment) followed from the file `base` (or
    /// the folder, when `base` ends in "/"): "." and ".." are applied, and a folder
    /// means its `index.html`. Nil when ".." climbs above the site.
    private static func resolve(_ path: String, from base: String) -> String? {
        var components = base.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            switch part {
            case "", ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        let isFolder = path.isEmpty || path.hasSuffix("/") || parts.last == "." || parts.last == ".."
        return (components + (isFolder ? ["index.html"] : [])).joined(separator: "/")
    }

    /// The scheme of an absolute address (`https`, `mailto`), lowercased; nil for a
    /// relative one.
    private static func scheme(of address: String) -> String? {
        guard let colon = address.firstIndex(of: ":") else { return nil }
        let scheme = address[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return scheme.lowercased()
    }

    /// Why an https address cannot be used as it is written, if it cannot.
    private static func externalProblem(_ address: String) -> Diagnostic.Reason? {
        guard let url = URL(string: address, encodingInvalidCharacters: false), url.scheme?.lowercased() == "https",
              let host = url.host(), !host.isEmpty else { return .malformedLink(address) }
        return nil
    }

    private static func split(_ text: String, at separator: Character) -> (before: String, after: String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    // MARK: Addresses

    /// A page's address relative to its school's `base_url`: "" for the home page,
    /// "letter/" for `letter/index.html`.
    private static func addressSuffix(of path: String, in school: String) -> String {
        let relative = String(path.dropFirst(school.count + 1))
        if relative == "index.html" { return "" }
        return relative.hasSuffix("/index.html") ? String(relative.dropLast("index.html".count)) : relative
    }

    /// The school's address from its canonical links, the home page's first. Pages
    /// that disagree are reported by `checkReferences`.
    private mutating func findAddress(of school: String) {
        let candidates = pages.values.filter { BuiltSite.school(of: $0.path) == school && $0.canonical != nil }
            .sorted { ($0.path == "\(school)/index.html" ? 0 : 1, $0.path) < ($1.path == "\(school)/index.html" ? 0 : 1, $1.path) }
        for page in candidates {
            guard let canonical = page.canonical?.value else { continue }
            let suffix = Self.addressSuffix(of: page.path, in: school)
            guard canonical.hasSuffix(suffix), Self.externalProblem(canonical) == nil,
                  let url = URL(string: String(canonical.dropLast(suffix.count)), encodingInvalidCharacters: false) else { continue }
            let path = url.path(percentEncoded: false)
            addresses[school] = (url.absoluteString, path.hasSuffix("/") ? path : path + "/")
            return
        }
    }

    // MARK: Sitemaps

    private mutating func checkSitemap(_ sitemap: OutputFile, of school: String) {
        let tokens = HTMLTokenizer.tokens(in: sitemap.contents)
        for (token, next) in zip(tokens, tokens.dropFirst()) where token.startTagName == "loc" {
            guard case .text(let text) = next.kind else { continue }
            let address = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let location = SourceLocation(path: sitemap.path, line: next.line, column: next.column)
            if let problem = sitemapProblem(address, school: school) {
                diagnostics.append(Diagnostic(problem, at: location))
            }
        }
    }

    private func sitemapProblem(_ address: String, school: String) -> Diagnostic.Reason? {
        switch Self.scheme(of: address) {
        case "https": if let problem = Self.externalProblem(address) { return problem }
        case "http": return .insecureLink(address)
        default: return .malformedLink(address)
        }
        guard let base = addresses[school] else { return .siteAddressUnknown(address) }
        guard address.hasPrefix(base.url) else { return .sitemapAddressOutsideSite(address, base: base.url) }
        let rest = Self.split(Self.split(String(address.dropFirst(base.url.count)), at: "#").before, at: "?").before
        guard let decoded = rest.removingPercentEncoding else { return .malformedLink(address) }
        guard let target = Self.resolve(decoded, from: school + "/"), target.hasPrefix(school + "/") else {
            return .sitemapAddressOutsideSite(address, base: base.url)
        }
        return files[target] == nil ? .linkTargetMissing(address, target: display(target)) : nil
    }

    // MARK: Contrast

    /// Each distinct pair of colours per school and use, located where the page that
    /// comes first sets the deciding colour. Pages whose stylesheet is missing are
    /// skipped: the broken link is reported already.
    private mutating func measureContrast() -> [ContrastMeasurement] {
        var stylesheets: [String: CustomProperties] = [:]
        var measurements: [ContrastMeasurement] = []
        for page in pagesInScope {
            var palette = CustomProperties()
            var complete = true
            for style in page.styles {
                switch style {
                case .stylesheet(let reference):
                    guard case .file(let path) = resolve(reference, on: page), let file = files[path] else {
                        complete = false
                        continue
                    }
                    if stylesheets[path] == nil {
                        stylesheets[path] = CustomProperties(css: String(decoding: file.contents, as: UTF8.self), path: path)
                    }
                    palette.merge(stylesheets[path] ?? CustomProperties())
                case .inline(let style):
                    palette.merge(CustomProperties(css: style.css, path: page.path, line: style.location.line,
                                                   column: style.location.column))
                }
            }
            guard complete, !page.styles.isEmpty else { continue }
            let school = BuiltSite.school(of: page.path)
            for use in ColourUse.all {
                guard let foreground = colour(use.foreground, in: palette, on: page),
                      let background = colour(use.background, in: palette, on: page) else { continue }
                let measured = measurements.contains {
                    $0.school == school && $0.use == use && $0.foreground == foreground.hex && $0.background == background.hex
                }
                guard !measured else { continue }
                measurements.append(ContrastMeasurement(
                    school: school, use: use, foreground: foreground.hex, background: background.hex,
                    ratio: Contrast.ratio(foreground, background),
                    location: palette[use.blamed]?.location ?? SourceLocation(path: page.path)))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: ColourUse.all.enumerated().map { ($1, $0) })
        return measurements.enumerated().sorted { a, b in
            (a.element.school ?? "", order[a.element.use] ?? 0, a.offset) < (b.element.school ?? "", order[b.element.use] ?? 0, b.offset)
        }.map(\.element)
    }

    /// A colour written `#rrggbb`, or a custom property's value; a property that is
    /// missing or not a plain colour is reported.
    private mutating func colour(_ name: String, in palette: CustomProperties, on page: PageScan) -> Colour? {
        guard name.hasPrefix("--") else { return Colour(css: name) }
        guard let declaration = palette[name] else {
            diagnostics.append(Diagnostic(.colourNotMeasurable(name, value: nil), at: SourceLocation(path: page.path)))
            return nil
        }
        guard let colour = Colour(css: declaration.value) else {
            diagnostics.append(Diagnostic(.colourNotMeasurable(name, value: declaration.value), at: declaration.location))
            return nil
        }
        return colour
    }

    private func diagnose(_ measurement: ContrastMeasurement) -> Diagnostic {
        let use = measurement.use
        func label(_ name: String, _ hex: String) -> String { name.hasPrefix("--") ? "\(name) \(hex)" : hex }
        let blamedIsForeground = use.blamed == use.foreground
        let (blamed, other) = blamedIsForeground ? (measurement.foreground, measurement.background)
                                                 : (measurement.background, measurement.foreground)
        let suggestion = Colour(css: blamed).flatMap { colour in
            Colour(css: other).flatMap { Self.nearestShade(of: colour, reaching: use.minimum, against: $0) }
        }
        return Diagnostic(.lowContrastPair(use: use.name, foreground: label(use.foreground, measurement.foreground),
                                           background: label(use.background, measurement.background),
                                           ratio: measurement.ratio, minimum: use.minimum, blamed: use.blamed,
                                           suggestion: suggestion?.hex),
                          at: measurement.location)
    }

    /// The shade of `colour` closest to it, darker or lighter in steps of 1%, that
    /// reaches `minimum` against `other`.
    private static func nearestShade(of colour: Colour, reaching minimum: Double, against other: Colour) -> Colour? {
        func mixed(towards target: Int, by amount: Double) -> Colour {
            func channel(_ value: Int) -> Int { Int((Double(value) + Double(target - value) * amount).rounded(.towardZero)) }
            return Colour(red: channel(colour.red), green: channel(colour.green), blue: channel(colour.blue))
        }
        for step in 1...100 {
            let amount = Double(step) / 100
            for shade in [mixed(towards: 0, by: amount), mixed(towards: 255, by: amount)]
            where Contrast.ratio(shade, other) >= minimum {
                return shade
            }
        }
        return nil
    }
}
