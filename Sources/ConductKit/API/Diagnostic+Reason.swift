import Foundation

extension Diagnostic {
    /// Every kind of problem the generator reports, each with its message and hint
    /// written next to it.
    public enum Reason: Hashable, Sendable {
        case missingFile(purpose: String)
        case unreadableFile(problem: String)
        case yamlSyntax(problem: String)
        case notAMapping(what: String)
        case unknownKey(String, allowed: [String])
        case missingKey(String)
        case wrongType(key: String, expected: String)
        case emptyValue(key: String)
        case invalidSlug(String)
        case slugDoesNotMatchFolder(slug: String, folder: String)
        case duplicateSlug(String, firstDefinedIn: String)
        case notHTTPS(key: String, value: String)
        case malformedURL(key: String, value: String)
        case invalidColour(key: String, value: String)
        case lowContrast(key: String, colour: String, ratio: Double, suggestion: String)
        case invalidDate(key: String, value: String)
        case unknownVariable(String, known: [String])
        case unclosedVariable
        case blockVariableNotAlone(String)
        case levelOneHeading
        case missingFrontMatterEnd
        case sectionNeedsOnePlacement(found: [String])
        case unknownDocument(String, known: [String])
        case unknownHeadingID(String, document: String, known: [String])
        case notReplaceable(String, document: String, replaceable: [String])
        case replacedTwice(String, firstIn: String)
        case replaceableHeadingMissing(String)
        case templateSyntax(problem: String)
        case missingTemplate(String)
        case unknownTemplateOverride(String, known: [String])
        case missingPartial(String)
        case missingLogo(String)
        case unsupportedLogo(String)
        case outputNotOurs
        case outputIsNotAFolder
        case outputWriteFailed(problem: String)
        case outputInsideSources
        case outputInUse(pid: Int32?)
        case interrupted
        case reservedSlug(String)
        case urlWithQuery(key: String, value: String)
        case invalidTime(key: String, value: String)
        case invalidBoolean(key: String, value: String)
        case endsBeforeStart(start: String, end: String)
        case codeNotPublished(asOf: String)
        // Problems in a built site, found by `conduct check`.
        case linkTargetMissing(String, target: String)
        case fragmentMissing(String, page: String, known: [String])
        case duplicateID(String, firstLine: Int)
        case missingPageTitle
        case missingLanguage
        case headingOneCount(Int)
        case insecureLink(String)
        case malformedLink(String)
        case unsupportedLink(String)
        case emptyLink(attribute: String)
        case linkLeavesSite(String, site: String)
        case siteAddressUnknown(String)
        case canonicalMismatch(String, expected: String)
        case sitemapAddressOutsideSite(String, base: String)
        case lowContrastPair(use: String, foreground: String, background: String, ratio: Double, minimum: Double,
                             blamed: String, suggestion: String?)
        case colourNotMeasurable(String, value: String?)

        public var message: String {
            switch self {
            case .missingFile(let purpose):
                "missing file: \(purpose)"
            case .unreadableFile(let problem):
                "cannot read this file: \(problem)"
            case .yamlSyntax(let problem):
                "YAML syntax error: \(problem)"
            case .notAMapping(let what):
                "\(what) must be a list of `key: value` lines"
            case .unknownKey(let key, _):
                "unknown key '\(key)'"
            case .missingKey(let key):
                "missing required key '\(key)'"
            case .wrongType(let key, let expected):
                "'\(key)' must be \(expected)"
            case .emptyValue(let key):
                "'\(key)' is empty"
            case .invalidSlug(let slug):
                "'\(slug)' is not a valid slug"
            case .slugDoesNotMatchFolder(let slug, let folder):
                "slug '\(slug)' does not match its folder name '\(folder)'"
            case .duplicateSlug(let slug, let first):
                "slug '\(slug)' is already used by \(first)"
            case .notHTTPS(let key, let value):
                "'\(key)' must be an https:// address, not '\(value)'"
            case .malformedURL(let key, let value):
                "'\(key)' is not a valid web address: '\(value)'"
            case .invalidColour(let key, let value):
                "'\(key)' must be a colour like \"#1f4e79\", not '\(value)'"
            case .lowContrast(let key, let colour, let ratio, _):
                "'\(key)' \(colour) has a contrast ratio of \(String(format: "%.2f", ratio)):1 with white text; WCAG AA needs at least 4.5:1"
            case .invalidDate(let key, let value):
                "'\(key)' must be a date written YYYY-MM-DD, not '\(value)'"
            case .unknownVariable(let name, _):
                "unknown variable '{{\(name)}}'"
            case .unclosedVariable:
                "'{{' is not closed with '}}'"
            case .blockVariableNotAlone(let name):
                "'{{\(name)}}' must stand alone on its own line, with a blank line before and after"
            case .levelOneHeading:
                "a level-1 heading ('# ...') is not allowed here"
            case .missingFrontMatterEnd:
                "front matter starts with '---' but has no closing '---' line"
            case .sectionNeedsOnePlacement(let found):
                found.isEmpty
                    ? "a section must say where it goes with 'after:', 'before:' or 'replace:'"
                    : "a section must use only one of 'after:', 'before:' or 'replace:', not \(found.map { "'\($0)'" }.joined(separator: " and "))"
            case .unknownDocument(let name, _):
                "unknown document '\(name)'"
            case .unknownHeadingID(let id, let document, _):
                "'\(document)' has no heading with id '\(id)'"
            case .notReplaceable(let id, let document, _):
                "section '\(id)' of '\(document)' is not marked replaceable"
            case .replacedTwice(let id, let first):
                "section '\(id)' is already replaced by \(first)"
            case .replaceableHeadingMissing(let id):
                "'replaceable' names '\(id)', but no heading has that id"
            case .templateSyntax(let problem):
                "template syntax error: \(problem)"
            case .missingTemplate(let name):
                "missing template '\(name)'"
            case .unknownTemplateOverride(let name, _):
                "'\(name)' does not override any template in Templates/"
            case .missingPartial(let name):
                "partial '\(name)' does not exist"
            case .missingLogo(let path):
                "logo file '\(path)' does not exist"
            case .unsupportedLogo(let path):
                "logo '\(path)' must be an .svg, .png, .jpg or .webp file"
            case .outputNotOurs:
                "refusing to replace this folder: conduct did not create it (it has no \(OutputWriter.markerName) file)"
            case .outputIsNotAFolder:
                "refusing to replace this path: it is a file or a symbolic link, not a folder conduct created"
            case .outputWriteFailed(let problem):
                "could not write the site: \(problem)"
            case .outputInsideSources:
                "refusing to write the site here: it is, or holds, the site's own files"
            case .outputInUse(let pid):
                "another conduct build or publish \(pid.map { "(process \($0)) " } ?? "")is writing to this folder"
            case .interrupted:
                "interrupted: stopped before anything was swapped in"
            case .reservedSlug(let slug):
                "'\(slug)' cannot be a slug: the consortium's own files use that folder"
            case .urlWithQuery(let key, let value):
                "'\(key)' must be a folder address without '?' or '#': '\(value)'"
            case .invalidTime(let key, let value):
                "'\(key)' must be a date YYYY-MM-DD or a London time YYYY-MM-DDTHH:MM, not '\(value)'"
            case .invalidBoolean(let key, let value):
                "'\(key)' must be true or false, not '\(value)'"
            case .endsBeforeStart(let start, let end):
                "'\(end)' must come after '\(start)'"
            case .codeNotPublished(let asOf):
                "nothing to publish: the Code is not published as of \(asOf)"
            case .linkTargetMissing(let address, let target):
                "'\(address)' points to \(target), which is not in the built site"
            case .fragmentMissing(let fragment, let page, _):
                "'#\(fragment)' is not an id on \(page)"
            case .duplicateID(let id, let firstLine):
                "id '\(id)' is already used on line \(firstLine) of this page"
            case .missingPageTitle:
                "the page has no <title>, or an empty one"
            case .missingLanguage:
                "the page does not say its language: <html> has no lang attribute"
            case .headingOneCount(let count):
                count == 0 ? "the page has no <h1>; it needs exactly one" : "the page has \(count) <h1> elements; it needs exactly one"
            case .insecureLink(let address):
                "'\(address)' is not a secure address"
            case .malformedLink(let address):
                "'\(address)' is not a valid web address"
            case .unsupportedLink(let address):
                "'\(address)' is neither an address within the site nor an https:// address"
            case .emptyLink(let attribute):
                "empty \(attribute) attribute"
            case .linkLeavesSite(let address, let site):
                "'\(address)' points outside \(site)"
            case .siteAddressUnknown(let address):
                "cannot resolve '\(address)': no canonical link says where these pages will live"
            case .canonicalMismatch(let found, let expected):
                "the canonical link '\(found)' is not this page's address '\(expected)'"
            case .sitemapAddressOutsideSite(let address, let base):
                "sitemap address '\(address)' is not under the school's address '\(base)'"
            case .lowContrastPair(let use, let foreground, let background, let ratio, let minimum, _, _):
                "\(use): \(foreground) on \(background) has a contrast ratio of \(String(format: "%.2f", ratio)):1; WCAG AA needs at least \(String(format: "%g", minimum)):1"
            case .colourNotMeasurable(let name, let value):
                value.map { "'\(name)' is '\($0)', not a #rrggbb colour, so its contrast cannot be measured" }
                    ?? "'\(name)' is not set in the stylesheet's :root, so its contrast cannot be measured"
            }
        }

        public var hint: String? {
            switch self {
            case .missingFile:
                "create it; the README lists the files a site needs"
            case .unreadableFile:
                "save the file as UTF-8 text"
            case .yamlSyntax:
                "check the indentation, and put quotes around values that contain ': ' or start with '#', '{' or '['"
            case .notAMapping:
                "write one `key: value` per line, for example `name: Wade Deacon High School`"
            case .unknownKey(let key, let allowed):
                didYouMean(key, among: allowed) + "allowed keys: \(allowed.joined(separator: ", "))"
            case .missingKey(let key):
                "add a line `\(key): ...`"
            case .wrongType(_, let expected):
                expected.hasPrefix("a list")
                    ? "write each item on a line of its own, starting with '- ', or as [a, b]"
                    : "write a single value after the colon"
            case .emptyValue:
                "give it a value or remove the line if it is optional"
            case .invalidSlug:
                "use lowercase letters and digits separated by single hyphens, e.g. 'wade-deacon-high-school'"
            case .slugDoesNotMatchFolder(_, let folder):
                "rename the folder or set `slug: \(folder)`"
            case .duplicateSlug:
                "every school needs its own slug"
            case .notHTTPS:
                "school and consortium pages link only to secure addresses starting with https://"
            case .malformedURL:
                "write a full address such as https://www.example.sch.uk/"
            case .invalidColour:
                "use a # followed by six hexadecimal digits"
            case .lowContrast(_, _, _, let suggestion):
                "choose a darker shade; \(suggestion) is the nearest with at least 4.5:1"
            case .invalidDate:
                "for example 2026-11-16"
            case .unknownVariable(let name, let known):
                didYouMean(name, among: known, quoted: { "{{\($0)}}" }) + "known variables: \(known.map { "{{\($0)}}" }.joined(separator: ", "))"
            case .unclosedVariable:
                "write variables as {{school.name}}"
            case .blockVariableNotAlone:
                "put it in a paragraph of its own"
            case .levelOneHeading:
                "the page title is the only level-1 heading; start sections with '## '"
            case .missingFrontMatterEnd:
                "end the front matter with a line containing only '---'"
            case .sectionNeedsOnePlacement:
                "for example `after: photos-and-videos`"
            case .unknownDocument(_, let known):
                "use one of: \(known.joined(separator: ", "))"
            case .unknownHeadingID(let id, _, let known):
                known.isEmpty
                    ? "this document has no headings to place a section by"
                    : didYouMean(id, among: known) + "heading ids: \(known.joined(separator: ", "))"
            case .notReplaceable(_, _, let replaceable):
                replaceable.isEmpty
                    ? "this document has no replaceable sections; use 'after:' or 'before:'"
                    : "replaceable sections: \(replaceable.joined(separator: ", ")); or use 'after:' or 'before:'"
            case .replacedTwice:
                "keep one replacement, or merge the two files"
            case .replaceableHeadingMissing:
                "replaceable sections are named by heading id, e.g. 'raising-a-concern-with-your-school'"
            case .templateSyntax:
                "check that every {{#section}} has a matching {{/section}} and every tag is closed"
            case .missingTemplate:
                "restore it in Templates/"
            case .unknownTemplateOverride(let name, let known):
                didYouMean(name, among: known) + "templates: \(known.joined(separator: ", "))"
            case .missingPartial:
                "partials live in Templates/partials/ and are used as {{> partials/name}}"
            case .missingLogo:
                "put the file in the school's folder, next to school.yml"
            case .unsupportedLogo:
                "convert the logo to SVG or PNG"
            case .outputNotOurs, .outputIsNotAFolder:
                "choose another folder with --output, or move this one away (an empty folder too); nothing was changed"
            case .outputWriteFailed:
                "the previous site was left as it was; check free disk space and permissions"
            case .outputInsideSources:
                "choose a folder outside Content/, Templates/ and Schools/, such as the default Output/"
            case .outputInUse:
                "wait for it to finish, then run this again; nothing was changed"
            case .interrupted:
                "the previous site was left as it was"
            case .reservedSlug:
                "add a word, e.g. 'assets-academy'"
            case .urlWithQuery:
                "for example https://www.example.sch.uk/parents/code/"
            case .invalidTime:
                "for example 2026-11-16 (the start of that day) or 2026-11-16T08:30, in UK time"
            case .invalidBoolean:
                "write draft: true, or remove the line"
            case .endsBeforeStart:
                "check the two dates; a date-only end includes that whole day"
            case .codeNotPublished:
                "check its draft, publish_from and publish_until, or give a later --as-of"
            case .linkTargetMissing(_, let target):
                target.split(separator: "/").last?.contains(".") == true
                    ? "check the address; if the file should be there, run `conduct build` again"
                    : "a page's address is its folder with a trailing '/', such as 'letter/'"
            case .fragmentMissing(let fragment, _, let known):
                known.isEmpty
                    ? "that page has no ids to link to"
                    : didYouMean(fragment, among: known) + "ids on that page: \(known.joined(separator: ", "))"
            case .duplicateID(let id, _):
                "ids must be unique on a page, or links to '#\(id)' reach only the first; heading ids come from the heading's words"
            case .missingPageTitle:
                "every page needs a title; check Templates/partials/head.mustache and the school's template overrides"
            case .missingLanguage:
                "write <html lang=\"en-GB\">, as Templates/partials/head.mustache does"
            case .headingOneCount:
                "the page title is the only level-1 heading; other headings start at <h2> ('## ' in Markdown)"
            case .insecureLink:
                "link only to https:// addresses; most sites offer one"
            case .malformedLink:
                "write a full address such as https://www.example.sch.uk/, with a space written as %20"
            case .unsupportedLink:
                "link to pages of the site with relative addresses, to other sites with https://, or use mailto: or tel:"
            case .emptyLink:
                "cmark empties unsafe links such as javascript: ones; fix the link in the Markdown or the template"
            case .linkLeavesSite:
                "each school's folder is published on its own at its base_url, so its links must stay inside it"
            case .siteAddressUnknown:
                "a school's pages carry <link rel=\"canonical\"> made from its base_url; run `conduct build` again (the consortium's page has none, so it cannot use addresses starting with '/')"
            case .canonicalMismatch:
                "canonical links are made from base_url in school.yml; run `conduct build` again"
            case .sitemapAddressOutsideSite:
                "sitemap addresses are made from base_url in school.yml; run `conduct build` again"
            case .lowContrastPair(_, _, _, _, let minimum, let blamed, let suggestion):
                (blamed == "--brand" ? "a school's colour is brand_colour in its school.yml" : "the palette is in Templates/assets/site.css")
                    + (suggestion.map { "; \($0) is the nearest shade of \(blamed) with at least \(String(format: "%g", minimum)):1" } ?? "")
            case .colourNotMeasurable:
                "set it as #rrggbb in the :root rule of Templates/assets/site.css"
            }
        }
    }
}

/// "did you mean 'name'? " for the closest allowed word within two edits (typos such
/// as `nmae`), or nothing.
private func didYouMean(_ word: String, among candidates: [String], quoted: (String) -> String = { $0 }) -> String {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 && $0.1 > 0 }
    guard let best = scored.min(by: { $0.1 < $1.1 })?.0 else { return "" }
    return "did you mean '\(quoted(best))'? "
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}
