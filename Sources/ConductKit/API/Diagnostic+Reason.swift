import Foundation

extension Diagnostic {
    /// Every kind of problem the generator reports, each with its message and hint
    /// written next to it.
    public enum Reason: Hashable, Sendable {
        case missingFile(purpose: String)
        case unreadableFile(problem: String)
        case controlCharacterInFile(code: UInt32)
        case fileTooLarge(String?, size: String, limit: String)
        case symbolicLink(String?)
        case notARegularFile(String?)
        case unusableName
        case unusedFile(belongsHere: String)
        case yamlSyntax(problem: String)
        case yamlAnchor
        case yamlTooDeep(maximum: Int)
        case notAMapping(what: String)
        case unknownKey(String, allowed: [String])
        case unverifiedNotAKey(String, keys: [String])
        case duplicateKey(String)
        case missingKey(String)
        case wrongType(key: String, expected: String)
        case emptyValue(key: String)
        case controlCharacter(key: String, code: UInt32)
        case valueTooLong(key: String, maximum: Int)
        case invalidSlug(String)
        case slugTooLong(length: Int, maximum: Int)
        case slugDoesNotMatchFolder(slug: String, folder: String)
        case duplicateSlug(String, firstDefinedIn: String)
        case notHTTPS(key: String, value: String)
        case malformedURL(key: String, value: String)
        case nonASCIIURL(key: String, value: String)
        case notAPhoneNumber(String)
        case invalidColour(key: String, value: String)
        case lowContrast(key: String, colour: String, ratio: Double, suggestion: String)
        case invalidDate(key: String, value: String)
        case unknownVariable(String, known: [String])
        case unclosedVariable
        // Interface text, Content/strings/<language>.yml.
        case unknownPlaceholder(String, key: String, allowed: [String])
        case unmatchedBrace(key: String)
        case unknownDirection(String)
        case malformedOpenGraphLocale(String)
        case directionOfAnotherScript(String, language: String, expected: String)
        case blockVariableNotAlone(String)
        case blockVariableInBrief(String)
        case levelOneHeading
        case markdownTooDeep(maximum: Int)
        case missingFrontMatterEnd
        case sectionNeedsOnePlacement(found: [String])
        case emptySection
        case unknownDocument(String, known: [String])
        case documentNotInSite(String, file: String)
        case unknownHeadingID(String, document: String, known: [String])
        case notReplaceable(String, document: String, replaceable: [String])
        case replacedTwice(String, firstIn: String)
        case replaceableHeadingMissing(String)
        case inBriefNotOnLetter
        // Translations (`Content/translations/<tag>/<file>`).
        case invalidLanguageTag(String, suggestion: String?)
        case translationIntoMainLanguage(String)
        case unknownTranslatedDocument(String, known: [String])
        case translationHeadingDiffers(number: Int, found: String, english: String, englishAt: String)
        case translationHeadingMissing(english: String, englishAt: String, englishCount: Int, count: Int)
        case translationHeadingExtra(found: String, englishCount: Int)
        case invalidDigest(key: String, value: String, englishPath: String)
        case digestOfAnotherDocument(otherPath: String, englishPath: String)
        case codeVersionNotYetWritten(String, codeVersion: String)
        case draftTranslation(language: String)
        case templateSyntax(problem: String)
        case templateSectionsTooDeep(maximum: Int)
        case missingTemplate(String)
        case emptyTemplate(String)
        case unknownTemplateOverride(String, known: [String])
        case missingPartial(String)
        case partialCycle([String])
        case partialsTooDeep(maximum: Int)
        case unknownTemplateKey(String, name: String, known: [String])
        case templateValueIsGroup(String, keys: [String])
        case templateValueHasNoKeys(String, value: String)
        case unescapedTemplateValue(String, html: [String])
        case unsupportedTemplateTag(String)
        case missingLogo(String)
        case unsupportedLogo(String)
        case logoNotItsType(String)
        case unsafeSVG(String)
        // Easy Read pictures, Content/icons/*.svg.
        case unsuitableIcon(String)
        case unusedIcon(String)
        case unknownIcon(String, known: [String])
        case pictureNotAtPointStart
        case pictureOutsideItsPages(documents: [String])
        case pictureWithoutWords
        case outputNotOurs
        case outputIsNotAFolder
        case outputWriteFailed(problem: String)
        case outputInsideSources
        case outputInsideOutput(String)
        case outputInUse(pid: Int32?)
        case interrupted
        case reservedSlug(String)
        case urlWithQuery(key: String, value: String)
        case addressTooLongForQRCode(String, bytes: Int, maximum: Int)
        case qrCodeNotMade(String, problem: String)
        case invalidTime(key: String, value: String)
        case invalidBoolean(key: String, value: String)
        case endsBeforeStart(start: String, end: String)
        case codeNotPublished(asOf: String)
        case unconfirmedValue(key: String, value: String?)
        case notAsPublished(entry: String, keeping: [String])
        // Problems in a built site, found by `conduct check`.
        case linkTargetMissing(String, target: String)
        case fragmentMissing(String, page: String, known: [String])
        case duplicateID(String, firstLine: Int)
        case missingPageTitle
        case missingLanguage
        case headingOneCount(Int)
        case repeatedArticle(String)
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
        // Phone numbers and addresses of others that the register of sources does not list.
        case unregisteredPhone(String)
        case unregisteredLink(String)

        public var message: String {
            switch self {
            case .missingFile(let purpose):
                "missing file: \(purpose)"
            case .unreadableFile(let problem):
                "cannot read this file: \(problem)"
            case .controlCharacterInFile(let code):
                "this file holds the control character U+\(String(format: "%04X", code)), which would reach pages and terminals unseen"
            case .fileTooLarge(let file, let size, let limit):
                "\(file.map { "'\($0)'" } ?? "this file") is \(size), over the \(limit) limit for its kind of file"
            case .symbolicLink(let file):
                "\(file.map { "'\($0)'" } ?? "this") is a symbolic link, which conduct does not follow"
            case .notARegularFile(let file):
                "\(file.map { "'\($0)'" } ?? "this") is neither a file nor a folder"
            case .unusableName:
                "this name is not UTF-8 text, or holds control characters (shown as \\xNN)"
            case .unusedFile:
                "this file is not used by the site"
            case .yamlSyntax(let problem):
                "YAML syntax error: \(problem)"
            case .yamlTooDeep(let maximum):
                "YAML nested more than \(maximum) levels deep"
            case .yamlAnchor:
                "YAML anchors and aliases ('&name', '*name') are not allowed in the site's files"
            case .notAMapping(let what):
                "\(what) must be a list of `key: value` lines"
            case .unknownKey(let key, _):
                "unknown key '\(key)'"
            case .unverifiedNotAKey(let key, _):
                "'unverified' lists '\(key)', which is not a key of school.yml"
            case .duplicateKey(let key):
                "key '\(key)' is given more than once"
            case .missingKey(let key):
                "missing required key '\(key)'"
            case .wrongType(let key, let expected):
                "'\(key)' must be \(expected)"
            case .emptyValue(let key):
                "'\(key)' is empty"
            case .valueTooLong(let key, let maximum):
                "'\(key)' is longer than \(maximum) characters"
            case .controlCharacter(let key, let code):
                "'\(key)' holds the control character U+\(String(format: "%04X", code)), which no value may contain"
            case .invalidSlug(let slug):
                "'\(slug)' is not a valid slug"
            case .slugTooLong(let length, let maximum):
                "the slug is \(length) characters long; at most \(maximum) fit in the names of the files publishing writes"
            case .slugDoesNotMatchFolder(let slug, let folder):
                "slug '\(slug)' does not match its folder name '\(folder)'"
            case .duplicateSlug(let slug, let first):
                "slug '\(slug)' is already used by \(first)"
            case .notHTTPS(let key, let value):
                "'\(key)' must be an https:// address, not '\(value)'"
            case .malformedURL(let key, let value):
                "'\(key)' is not a valid web address: '\(value)'"
            case .nonASCIIURL(let key, let value):
                "'\(key)' holds characters a web address cannot carry as written: '\(value)'"
            case .notAPhoneNumber(let value):
                "'\(value)' is not a phone number"
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
            case .unknownPlaceholder(let name, let key, _):
                "'\(key)' uses the placeholder '{\(name)}', which it does not have"
            case .unmatchedBrace(let key):
                "'\(key)' has a '{' or '}' without its partner"
            case .unknownDirection(let value):
                "'direction' must be ltr or rtl, not '\(value)'"
            case .malformedOpenGraphLocale(let value):
                "'open_graph_locale' must be a language and a region joined by '_', such as pl_PL, not '\(value)'"
            case .directionOfAnotherScript(let direction, let language, let expected):
                "'\(language)' is written \(expected == "rtl" ? "right to left" : "left to right"), so its pages need "
                    + "direction: \(expected), not \(direction)"
            case .blockVariableNotAlone(let name):
                "'{{\(name)}}' must stand alone on its own line, with a blank line before and after"
            case .blockVariableInBrief(let name):
                "'{{\(name)}}' is a list and cannot be used in 'in_brief'"
            case .levelOneHeading:
                "a level-1 heading ('# ...') is not allowed here"
            case .markdownTooDeep(let maximum):
                "block quotes and lists are nested more than \(maximum) levels deep here"
            case .missingFrontMatterEnd:
                "front matter starts with '---' but has no closing '---' line"
            case .emptySection:
                "this section has nothing a reader would see"
            case .sectionNeedsOnePlacement(let found):
                found.isEmpty
                    ? "a section must say where it goes with 'after:', 'before:' or 'replace:'"
                    : "a section must use only one of 'after:', 'before:' or 'replace:', not \(found.map { "'\($0)'" }.joined(separator: " and "))"
            case .unknownDocument(let name, _):
                "unknown document '\(name)'"
            case .documentNotInSite(let name, let file):
                "this section is placed in the \(name) document, but the site has no \(file)"
            case .unknownHeadingID(let id, let document, _):
                "'\(document)' has no heading with id '\(id)'"
            case .notReplaceable(let id, let document, _):
                "section '\(id)' of '\(document)' is not marked replaceable"
            case .replacedTwice(let id, let first):
                "section '\(id)' is already replaced by \(first)"
            case .replaceableHeadingMissing(let id):
                "'replaceable' names '\(id)', but no heading has that id"
            case .inBriefNotOnLetter:
                "'in_brief' belongs to the letter, not to the Code"
            case .invalidLanguageTag(let tag, let suggestion):
                suggestion.map { "'\(tag)' is not written as a language tag is: '\($0)'" }
                    ?? "'\(tag)' is not a language tag (a language, then optionally a script and a region, such as pl, ur or pt-BR)"
            case .translationIntoMainLanguage(let tag):
                "'\(tag)' is the language of the shared documents themselves: its pages would be a second English site beside the first"
            case .unknownTranslatedDocument(let name, _):
                "'\(name)' is not the name of a shared document, so it translates nothing"
            case .translationHeadingDiffers(let number, let found, let english, let englishAt):
                "heading \(number) does not match the English: '\(found)' here, '\(english)' in \(englishAt)"
            case .translationHeadingMissing(let english, let englishAt, let englishCount, let count):
                "the English has \(englishCount) headings and this translation \(count): '\(english)' (\(englishAt)) has no translation"
            case .translationHeadingExtra(let found, let englishCount):
                "'\(found)' has no English heading to translate: the English has \(englishCount) headings"
            case .invalidDigest(let key, let value, _):
                "'\(key)' must be 'sha256:' followed by 64 lowercase hexadecimal digits, not '\(value)'"
            case .digestOfAnotherDocument(let otherPath, let englishPath):
                "'source_digest' is the digest of \(otherPath), not of \(englishPath), which this file translates"
            case .codeVersionNotYetWritten(let version, let codeVersion):
                "'code_version' is \(version), a version of the Code not yet written: the Code is version \(codeVersion)"
            case .draftTranslation(let language):
                "this \(language) translation is a draft ('reviewed_by' is empty), so it cannot be published"
            case .templateSyntax(let problem):
                "template syntax error: \(problem)"
            case .templateSectionsTooDeep(let maximum):
                "sections are nested more than \(maximum) deep here"
            case .missingTemplate(let name):
                "missing template '\(name)'"
            case .emptyTemplate(let name):
                "template '\(name)' is empty, so its pages would be blank"
            case .unknownTemplateOverride(let name, _):
                "'\(name)' does not override any template in Templates/"
            case .missingPartial(let name):
                "partial '\(name)' does not exist"
            case .partialCycle(let names):
                "partials include each other without end: \(names.joined(separator: " -> "))"
            case .partialsTooDeep(let maximum):
                "partials are included more than \(maximum) deep here"
            case .unknownTemplateKey(let tag, _, _):
                "'\(tag)' names no value that this page has"
            case .templateValueIsGroup(let tag, _):
                "'\(tag)' is a group of values, not one value"
            case .templateValueHasNoKeys(let tag, let value):
                "'\(tag)' names no value that this page has: '\(value)' is a single value, with no keys of its own"
            case .unescapedTemplateValue(let tag, _):
                "'\(tag)' writes a value without HTML escaping"
            case .unsupportedTemplateTag(let tag):
                "'\(tag)' is not supported in the site's templates"
            case .missingLogo(let path):
                "logo file '\(path)' does not exist"
            case .unsupportedLogo(let path):
                "logo '\(path)' must be an .svg, .png, .jpg or .webp file"
            case .logoNotItsType(let type):
                "this logo is not a \(type) image, as its name says"
            case .unsafeSVG(let what):
                "the logo holds \(what), which could run code or load other files when the logo is opened on its own"
            case .unsuitableIcon(let what):
                "this icon \(what)"
            case .unusedIcon(let name):
                "the icon '\(name)' is not used by any point of the Easy Read"
            case .unknownIcon(let address, _):
                "the picture '\(address)' is not an icon of Content/icons/"
            case .pictureNotAtPointStart:
                "a picture must start its point: a paragraph that starts with it, its words on the same line"
            case .pictureOutsideItsPages(let documents):
                "pictures are drawn only in \(documents.joined(separator: ", ")) and the sections placed in it; here it would be a broken image"
            case .pictureWithoutWords:
                "this picture has no words: they are its text alternative, read out instead of it"
            case .outputNotOurs:
                "refusing to replace this folder: conduct did not create it (it has no \(OutputWriter.markerName) file)"
            case .outputIsNotAFolder:
                "refusing to replace this path: it is a file or a symbolic link, not a folder conduct created"
            case .outputWriteFailed(let problem):
                "could not write the site: \(problem)"
            case .outputInsideSources:
                "refusing to write the site here: it is, or holds, the site's own files"
            case .outputInsideOutput(let folder):
                "refusing to write the site here: it is inside \(folder), which conduct made and replaces on every build"
            case .outputInUse(let pid):
                "another conduct build or publish \(pid.map { "(process \($0)) " } ?? "")is writing to this folder"
            case .interrupted:
                "interrupted: stopped before anything was swapped in"
            case .reservedSlug(let slug):
                "'\(slug)' cannot be a slug: the output folder uses that name for the consortium's own files"
            case .urlWithQuery(let key, let value):
                "'\(key)' must be a folder address without '?' or '#': '\(value)'"
            case .addressTooLongForQRCode(let address, let bytes, _):
                "the Code's address \(address) is too long (\(bytes) bytes) for a QR code that phones can read on the printed letter and poster"
            case .qrCodeNotMade(let address, let problem):
                "the QR code of \(address) could not be made: \(problem)"
            case .invalidTime(let key, let value):
                "'\(key)' must be a date YYYY-MM-DD or a London time YYYY-MM-DDTHH:MM, not '\(value)'"
            case .invalidBoolean(let key, let value):
                "'\(key)' must be true or false, not '\(value)'"
            case .endsBeforeStart(let start, let end):
                "'\(end)' must come after '\(start)'"
            case .codeNotPublished(let asOf):
                "nothing to publish: the Code is not published as of \(asOf)"
            case .unconfirmedValue(let key, let value):
                "'\(key)' is listed under 'unverified': "
                    + (value.map { "'\($0)' is not confirmed by the school yet" } ?? "it is not set yet")
            case .notAsPublished(let entry, let keeping):
                "'\(entry)' is not as the previous publish left it (changed by hand, or a build or publish was stopped "
                    + "while replacing it), so \(keeping.count <= 3 ? keeping.joined(separator: ", ") : "\(keeping.count) other schools") "
                    + "cannot keep what that publish gave \(keeping.count == 1 ? "it" : "them")"
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
            case .repeatedArticle(let words):
                "the text repeats a word: '\(words)'"
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
            case .unregisteredPhone(let number):
                "the phone number '\(number)' is not in Content/sources.yml"
            case .unregisteredLink(let address):
                "the address '\(address)' is not in Content/sources.yml"
            }
        }

        public var hint: String? {
            switch self {
            case .missingFile:
                "create it; the README lists the files a site needs"
            case .unreadableFile:
                "save the file as UTF-8 text"
            case .controlCharacterInFile:
                "delete it and retype the text around it; it may have been pasted in with the text"
            case .fileTooLarge:
                "YAML, Markdown and templates may be up to \(SizeLimit.describe(SizeLimit.text)), a logo or a file of Templates/assets/ up to \(SizeLimit.describe(SizeLimit.image)), an icon of Content/icons/ up to \(SizeLimit.describe(IconCheck.maximumSize))"
            case .symbolicLink:
                "put the file or folder itself here; a link could lead outside the site"
            case .notARegularFile:
                "remove it; the site's folders hold only files and folders"
            case .unusableName:
                "rename it using letters, digits and hyphens"
            case .unusedFile(let belongsHere):
                "\(belongsHere); rename it if it was meant to be used, or move it out of the site's folders"
            case .yamlSyntax:
                "check the indentation, and put quotes around values that contain ': ' or start with '#', '{' or '['"
            case .yamlTooDeep:
                "the site's files need only a few levels of keys and lists; check the indentation and brackets"
            case .yamlAnchor:
                "write each value out in full; put quotes around a value that starts with '&' or '*'"
            case .notAMapping:
                "write one `key: value` per line, for example `name: Wade Deacon High School`"
            case .duplicateKey:
                "this is the first; keep one of them, as only one value can count"
            case .unknownKey(let key, let allowed):
                didYouMean(key, among: allowed) + "allowed keys: \(allowed.joined(separator: ", "))"
            case .unverifiedNotAKey(let key, let keys):
                didYouMean(key, among: keys) + "list keys that school.yml has: \(keys.joined(separator: ", "))"
            case .missingKey(let key):
                "add a line `\(key): ...`"
            case .wrongType(_, let expected):
                expected.hasPrefix("a list")
                    ? "write each item on a line of its own, starting with '- ', or as [a, b]"
                    : "write a single value after the colon"
            case .emptyValue:
                "give it a value or remove the line if it is optional"
            case .valueTooLong(let key, _):
                key == "version"
                    ? "'version' names files that are published, so it must stay short, e.g. 1.0"
                    : "values are names, dates, addresses and sentences; longer text belongs in the Markdown"
            case .controlCharacter:
                "retype the value; it may have been pasted with a hidden character (in double quotes, an escape such as \\e makes one)"
            case .invalidSlug:
                "use lowercase letters and digits separated by single hyphens, e.g. 'wade-deacon-high-school'"
            case .slugTooLong:
                "use the school's usual short name, e.g. 'wade-deacon-high-school'"
            case .slugDoesNotMatchFolder(_, let folder):
                "rename the folder or set `slug: \(folder)`"
            case .duplicateSlug:
                "every school needs its own slug"
            case .notHTTPS:
                "school and consortium pages link only to secure addresses starting with https://"
            case .malformedURL:
                "write a full address such as https://www.example.sch.uk/"
            case .nonASCIIURL:
                "write it as a browser copies it from its address bar: the host in its xn-- form, other letters percent-encoded (ó as %C3%B3)"
            case .notAPhoneNumber:
                "write the number in digits, as the content writes it, e.g. \"0800 1111\", \"+44 151 907 8300\" or \"999\""
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
            case .unknownPlaceholder(let name, _, let allowed):
                allowed.isEmpty
                    ? "this text has no placeholders; write the words themselves"
                    : didYouMean(name, among: allowed, quoted: { "{\($0)}" })
                        + "placeholders here: \(allowed.map { "{\($0)}" }.joined(separator: ", "))"
            case .unmatchedBrace:
                "braces mark placeholders such as {school}; the text itself cannot use them"
            case .unknownDirection:
                "ltr for languages written left to right, rtl for Arabic, Urdu and others written right to left"
            case .malformedOpenGraphLocale:
                "link previews on Facebook and WhatsApp name a locale this way: en_GB, pl_PL, ur_PK, ar_AR"
            case .directionOfAnotherScript(_, _, let expected):
                "write direction: \(expected); a language written in another script is named with it, such as az-Arab or ku-Latn"
            case .blockVariableNotAlone:
                "put it in a paragraph of its own"
            case .blockVariableInBrief:
                "the letter itself can list the member schools; keep 'in_brief' to short sentences"
            case .markdownTooDeep:
                "a page needs only a few levels; check the '>' and list markers at the start of the line"
            case .levelOneHeading:
                "the page title is the only level-1 heading; start sections with '## '"
            case .missingFrontMatterEnd:
                "end the front matter with a line containing only '---'"
            case .emptySection:
                "write its text below the front matter (raw HTML is left out of pages), or remove the file"
            case .sectionNeedsOnePlacement:
                "for example `after: photos-and-videos`"
            case .unknownDocument(_, let known):
                "use one of: \(known.joined(separator: ", "))"
            case .documentNotInSite(_, let file):
                "write \(file), or place the section in another document with `document:`"
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
            case .inBriefNotOnLetter:
                "the Code has its own summary and contents; move these sentences to Content/parent-letter.md"
            case .invalidLanguageTag(_, let suggestion):
                suggestion.map { "rename the folder to '\($0)': the tag names a folder of every school's site and goes in each page's lang" }
                    ?? "name the folder by the language's BCP 47 tag, such as pl (Polish), ur (Urdu) or ar (Arabic)"
            case .translationIntoMainLanguage:
                "change the English in Content/ itself, or name the folder by the language the documents are translated into"
            case .unknownTranslatedDocument(let name, let known):
                didYouMean(name, among: known) + "name a translation as the English file it translates: \(known.joined(separator: ", "))"
            case .translationHeadingDiffers, .translationHeadingMissing, .translationHeadingExtra:
                "a translation has the English headings, in the same order and at the same levels ('##', '###'), with their text translated"
            case .codeVersionNotYetWritten(_, let codeVersion):
                "write the version of the Code it was written from (\(codeVersion) if it follows the Code as it is now)"
            case .invalidDigest(_, _, let englishPath), .digestOfAnotherDocument(_, let englishPath):
                "copy the digest that `conduct check` prints for \(englishPath), or run `sha256sum \(englishPath)` and write sha256:<digest>"
            case .draftTranslation:
                "have a qualified translator review it and put their name in 'reviewed_by'; to publish without its pages "
                    + "(and without links to them), add --leave-out-draft-translations"
            case .templateSectionsTooDeep:
                "close each {{#section}} with its {{/section}} before opening the next one"
            case .templateSyntax:
                "check that every {{#section}} has a matching {{/section}} and every tag is closed"
            case .missingTemplate:
                "restore it in Templates/"
            case .emptyTemplate:
                "restore it from Templates/ or from the repository's history"
            case .unknownTemplateOverride(let name, let known):
                didYouMean(name, among: known) + "templates: \(known.joined(separator: ", "))"
            case .missingPartial:
                "partials live in Templates/partials/ and are used as {{> partials/name}}"
            case .partialCycle:
                "remove one of these {{> …}} tags; a partial cannot include itself, directly or through another"
            case .partialsTooDeep:
                "include the partials from the page template side by side, not each from the one before"
            case .unknownTemplateKey(_, let name, let known):
                didYouMean(name, among: known) + "values here: \(known.joined(separator: ", "))"
            case .templateValueIsGroup(_, let keys):
                "name one of its keys (\(keys.joined(separator: ", "))), or use it as a section, {{#…}}…{{/…}}"
            case .templateValueHasNoKeys(_, let value):
                "write {{\(value)}} on its own"
            case .unescapedTemplateValue(_, let html):
                "write it with two braces, {{…}}, so it is escaped; three braces and {{&…}} are only for HTML that conduct made"
                    + (html.isEmpty ? ", and this page has none" : ": " + html.joined(separator: ", "))
            case .unsupportedTemplateTag:
                "use {{value}}, {{#section}}…{{/section}}, {{^section}}…{{/section}}, {{> partials/name}} and {{! comments }}; delimiters, pragmas, inheritance and transforms are not supported"
            case .missingLogo:
                "put the file in the school's folder, next to school.yml"
            case .unsupportedLogo:
                "convert the logo to SVG or PNG"
            case .logoNotItsType:
                "save it again in the format its name says, or rename it to the format it is"
            case .unsafeSVG:
                "export the logo again as a plain SVG (no scripts, links or embedded files), or use a PNG"
            case .unsuitableIcon:
                "an icon is one <svg> with xmlns and viewBox=\"0 0 48 48\", no width or height, drawn with <path>, <circle>, <ellipse>, <line>, <polyline>, <polygon>, <rect> and <g> in currentColor or none; no <title>, <desc>, styles, ids, links or scripts"
            case .unusedIcon:
                "use it in Content/easy-read.md (![what it shows](icons/name.svg) at the start of a point), or delete it"
            case .unknownIcon(let address, let known):
                didYouMean(address, among: known.map { "icons/\($0).svg" })
                    + (known.isEmpty ? "Content/icons/ has no icons" : "icons: \(known.map { "icons/\($0).svg" }.joined(separator: ", "))")
            case .pictureNotAtPointStart:
                "write the picture first, then the point's sentences: ![A phone](icons/phone.svg) If someone is in danger, call 999."
            case .pictureOutsideItsPages:
                "remove it, or move the point into the Easy Read (a section with 'document: easy-read')"
            case .pictureWithoutWords:
                "say what the picture shows between the brackets: ![A phone with a speech bubble](icons/phone.svg)"
            case .outputNotOurs, .outputIsNotAFolder:
                "choose another folder with --output, or move this one away (an empty folder too); nothing was changed"
            case .outputWriteFailed:
                "the previous site was left as it was; check free disk space and permissions"
            case .outputInsideSources:
                "choose a folder outside Content/, Templates/ and Schools/, such as the default Output/"
            case .outputInsideOutput:
                "choose a folder outside it, such as one beside it; nothing was changed"
            case .outputInUse:
                "wait for it to finish, then run this again; nothing was changed"
            case .interrupted:
                "the previous site was left as it was"
            case .reservedSlug:
                "add a word, e.g. 'assets-academy'"
            case .urlWithQuery:
                "for example https://www.example.sch.uk/parents/code/"
            case .addressTooLongForQRCode(_, _, let maximum):
                "the address is base_url followed by code-of-conduct/ and may be at most \(maximum) bytes; choose a shorter base_url in school.yml"
            case .qrCodeNotMade:
                "run `conduct publish` again; if it happens again, report it with this message"
            case .invalidTime:
                "for example 2026-11-16 (the start of that day) or 2026-11-16T08:30, in UK time"
            case .invalidBoolean:
                "write draft: true, or remove the line"
            case .endsBeforeStart:
                "check the two dates; a date-only end includes that whole day"
            case .codeNotPublished:
                "check its draft, publish_from and publish_until, or give a later --as-of"
            case .unconfirmedValue:
                "confirm it with the school and remove it from 'unverified:', or publish with --allow-unverified "
                    + "(each bundle's README.txt then lists what is still to be confirmed)"
            case .notAsPublished(_, let keeping) where keeping.count <= 3:
                "publish \(keeping.count == 1 ? "it" : "them") too (\(keeping.map { "--school \($0)" }.joined(separator: " "))), "
                    + "or publish every school; nothing was changed"
            case .notAsPublished:
                "publish every school (without --school); nothing was changed"
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
            case .repeatedArticle:
                "often a value that starts with the same word (a school named 'The …') follows it in the content or in "
                    + "the words of the pages (Content/strings/); reword it so that it reads well for every school"
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
            case .unregisteredPhone:
                "add it to the 'phones:' of the entry for the fact it supports, with the page you checked it against "
                    + "(README, \"Sources of facts\")"
            case .unregisteredLink:
                "add it to the 'links:' of the entry for the fact it supports (README, \"Sources of facts\"); "
                    + "the school's own addresses (website, base_url, complaints_url in school.yml) need no entry"
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
