import Foundation

/// A phone number or an address written in the content, found so that each can be
/// checked against the register of sources (`Content/sources.yml`).
struct ContactReference: Equatable {
    enum Kind: Equatable {
        /// A phone number in text, or the number of a `tel:` link.
        case phone
        /// An absolute `http(s)://` or `mailto:` address, or one written `www.…` in text.
        case link
    }

    var kind: Kind
    /// As a reader sees it: character references and escapes decoded, a number broken
    /// over two lines joined by a space.
    var text: String
    /// 1-based line and column in the scanned text.
    var line: Int
    var column: Int
}

/// Finds phone numbers and absolute addresses in text: Markdown, YAML values or
/// templates. One pass over the text, so long pages cost no more than their length.
///
/// Phone numbers are UK numbers written in groups (`0151 907 8300`, `0151-907-8300`,
/// `0151.907.8300`, `(0151) 907 8300`, `+44 151 907 8300`, `0044 151 907 8300`,
/// `0800 1111`), any number written with a leading `+`, and the short service numbers
/// 999, 112, 111, 101 and 116xxx when they stand alone. Years (1997), section numbers (127, "section 101"),
/// dates (2026-11-16), decimals and amounts are not phone numbers.
enum ContactScanner {
    /// The short numbers that are phone numbers when written alone.
    private static let serviceNumbers: Set<String> = ["999", "112", "111", "101"]
    /// A number right after one of these words is a reference, not a phone number.
    private static let referenceWords: Set<String> = [
        "section", "sections", "s", "s.", "page", "pages", "paragraph", "para", "chapter", "article", "part",
        "regulation", "rule", "clause", "schedule", "no", "no.", "number", "room", "year", "years",
    ]
    private static let schemes = ["https://", "http://", "mailto:", "tel:", "www."]

    static func references(in text: String, firstLine: Int = 1) -> [ContactReference] {
        references(in: ScannedText(text, firstLine: firstLine))
    }

    private static func references(in text: ScannedText) -> [ContactReference] {
        let characters = text.characters
        var found: [ContactReference] = []
        // Where the addresses found are, so that an '@' inside one is not read again.
        var addressRanges: [Range<Int>] = []
        func reference(_ kind: ContactReference.Kind, from start: Int, to end: Int) -> ContactReference {
            // A number broken over two lines is reported as one, on one line.
            let written = characters[start..<end].split(whereSeparator: \.isNewline).map { line in
                String(line).trimmingCharacters(in: .whitespaces)
            }.joined(separator: " ")
            return ContactReference(kind: kind, text: written, line: text.lines[start], column: text.columns[start])
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            // Values such as {{school.website}} belong to school.yml; braces written as
            // character references ("&#123;") are text, not a value.
            if character == "{", index + 1 < characters.count, characters[index + 1] == "{",
               !text.decoded[index], !text.decoded[index + 1] {
                index = closingBraces(in: characters, from: index + 2)
                continue
            }
            let boundary = index == 0 || !isWordCharacter(characters[index - 1])
            if boundary, let scheme = schemes.first(where: { starts(characters, at: index, with: $0) }) {
                let end = addressEnd(in: characters, from: index + scheme.count)
                // "www." needs a name after it ("www.example.org"), not just "www.".
                if end > index + scheme.count, scheme != "www." || characters[(index + scheme.count)..<end].contains(".") {
                    found.append(reference(scheme == "tel:" ? .phone : .link, from: index, to: end))
                    addressRanges.append(index..<end)
                }
                index = max(end, index + 1)
                continue
            }
            // Any other address that leads to another host: "ftp://…", "whatsapp://…", or
            // one without a scheme ("//evil.example/"), which a browser opens as https.
            if boundary, let start = otherAddressHost(in: characters, at: index) {
                let end = addressEnd(in: characters, from: start)
                let host = characters[start..<end].prefix { !"/?#".contains($0) }
                if host.contains(".") || characters[index] != "/" {
                    found.append(reference(.link, from: index, to: end))
                    addressRanges.append(index..<end)
                    index = max(end, index + 1)
                    continue
                }
            }
            if boundary, character.isASCII, character.isNumber || character == "+" || character == "(",
               let end = phoneEnd(in: characters, from: index) {
                found.append(reference(.phone, from: index, to: end))
                index = end
                continue
            }
            // Skip the rest of a number or word, so that "1997" is not read from its "997".
            if isWordCharacter(character) {
                while index < characters.count, isWordCharacter(characters[index]) || isNumberJoin(characters, at: index) {
                    index += 1
                }
                continue
            }
            index += 1
        }
        return (found + emailAddresses(in: text, outside: addressRanges)).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// E-mail addresses written without `mailto:`, in text or as a Markdown autolink
    /// (`<office@example.org>`, which cmark makes a `mailto:` link), reported as the
    /// `mailto:` address the register lists. Each '@' is looked at once, and the walks
    /// from it stop at the next one, so the cost stays linear.
    private static func emailAddresses(in text: ScannedText, outside addressRanges: [Range<Int>]) -> [ContactReference] {
        let characters = text.characters
        var found: [ContactReference] = []
        var coveredUpTo = 0
        var nextAddress = 0
        for at in characters.indices where characters[at] == "@" && at >= coveredUpTo {
            // Part of an address found already ("mailto:office@…", "https://user@host").
            while nextAddress < addressRanges.count, addressRanges[nextAddress].upperBound <= at { nextAddress += 1 }
            if nextAddress < addressRanges.count, addressRanges[nextAddress].contains(at) { continue }
            var start = at
            while start > 0, isEmailLocalCharacter(characters[start - 1]) { start -= 1 }
            var end = at + 1
            while end < characters.count, characters[end].isASCII,
                  characters[end].isLetter || characters[end].isNumber || "-.".contains(characters[end]) {
                end += 1
            }
            while end > at + 1, characters[end - 1] == "." { end -= 1 }
            let domain = characters[(at + 1)..<end]
            let topLevel = domain.split(separator: ".").last ?? []
            guard start < at, domain.contains("."), topLevel.count >= 2, topLevel.allSatisfy(\.isLetter) else { continue }
            coveredUpTo = end
            found.append(ContactReference(kind: .link, text: "mailto:" + String(characters[start..<end]),
                                          line: text.lines[start], column: text.columns[start]))
        }
        return found
    }

    private static func isEmailLocalCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._%+-".contains(character))
    }

    /// Where the host starts in an address written `scheme://host…` or `//host…` at
    /// `index`, for schemes other than those looked for by name.
    private static func otherAddressHost(in characters: [Character], at index: Int) -> Int? {
        var position = index
        if characters[index].isASCII, characters[index].isLetter {
            while position < characters.count, characters[position].isASCII,
                  characters[position].isLetter || characters[position].isNumber || "+.-".contains(characters[position]) {
                position += 1
            }
            guard starts(characters, at: position, with: ":") else { return nil }
            position += 1
        }
        guard starts(characters, at: position, with: "//"), position + 2 < characters.count,
              characters[position + 2].isLetter || characters[position + 2].isNumber else { return nil }
        return position + 2
    }

    /// The end of the phone number starting at `start`, or nil when none starts there.
    private static func phoneEnd(in characters: [Character], from start: Int) -> Int? {
        guard !followsNumberOrAmount(characters, at: start) else { return nil }
        var index = start
        var digits = ""
        var international = false
        // "(0151) 907 8300": an area code in brackets, closed after its digits.
        var bracketOpen = false
        if characters[index] == "(" {
            guard index + 1 < characters.count, characters[index + 1] == "0" else { return nil }
            bracketOpen = true
            index += 1
        } else if characters[index] == "+" {
            guard index + 1 < characters.count, isDigit(characters[index + 1]) else { return nil }
            international = true
            index += 1
            if starts(characters, at: index, with: "44") {
                index += 2
                digits = "44"
                // "+44 (0)151 …": the 0 to leave out when calling from abroad.
                var afterSpaces = index
                while afterSpaces < characters.count, groupSpaces.contains(characters[afterSpaces]) { afterSpaces += 1 }
                if starts(characters, at: afterSpaces, with: "(0)") { index = afterSpaces }
                if starts(characters, at: index, with: "(0)") {
                    index += 3
                    if let length = separatorLength(in: characters, at: index, digitsSoFar: digits) { index += length }
                }
            }
        }
        // Groups of digits joined by single separators, each group's end a candidate:
        // "0151 907 8300 24 hours a day" is a number and then a count. No phone number
        // has more than 15 digits, so reading stops there.
        var group = 0
        var groupEnds: [(end: Int, digits: String)] = []
        while index < characters.count, digits.count <= 15 {
            if isDigit(characters[index]) {
                digits.append(characters[index])
                group += 1
                index += 1
                continue
            }
            let hidden = hiddenMarkupLength(in: characters, at: index)
            if hidden > 0, index + hidden < characters.count, isDigit(characters[index + hidden])
                || separatorLength(in: characters, at: index + hidden, digitsSoFar: digits) != nil {
                index += hidden
                continue
            }
            if group > 0 { groupEnds.append((index, digits)) }
            if bracketOpen, characters[index] == ")", group >= 3 {
                bracketOpen = false
                groupEnds.removeAll()
                index += 1
                if let length = separatorLength(in: characters, at: index, digitsSoFar: digits) { index += length }
                group = 0
                continue
            }
            guard !bracketOpen, digits.first == "0" || international || digits == "116",
                  characters[index] != "." || group >= 3,
                  let length = separatorLength(in: characters, at: index, digitsSoFar: digits) else { break }
            index += length
            group = 0
        }
        if index == characters.count, group > 0 { groupEnds.append((index, digits)) }
        guard !bracketOpen, let last = groupEnds.last else { return nil }
        // The whole run, unless it runs into a word or a longer number ("101st", "2.5").
        if last.end == index, !continuesNumberOrWord(characters, at: index),
           isPhone(last.digits, international: international, in: characters, from: start, to: index) {
            return index
        }
        return groupEnds.dropLast().last { isPhone($0.digits, international: international, in: characters, from: start, to: $0.end) }?.end
    }

    private static func isPhone(_ digits: String, international: Bool, in characters: [Character], from start: Int, to end: Int) -> Bool {
        if international || digits.hasPrefix("0044") {
            // Any number written with a leading '+' (or 00 44) is a phone number; a UK one
            // has 9 or 10 digits after the 44, perhaps with its leading 0 written too.
            if international && !digits.hasPrefix("44") { return (7...15).contains(digits.count) }
            var national = digits.drop { $0 == "0" }.dropFirst(2)
            if national.first == "0" { national = national.dropFirst() }
            return (9...10).contains(national.count) && national.first != "0"
        }
        if digits.first == "0" {
            // UK numbers have 10 or 11 digits and no area code starts 00; a few freephone
            // numbers have 8 (Childline's 0800 1111), and no date (08-11-2026) is one.
            return !digits.hasPrefix("00")
                && ((10...11).contains(digits.count) || (digits.count == 8 && digits.hasPrefix("080")))
        }
        let isService = serviceNumbers.contains(digits) || (digits.count == 6 && digits.hasPrefix("116"))
        return isService && !followsReferenceWord(characters, at: start) && !isFollowedByOf(characters, at: end)
    }

    /// Markup a reader does not see between the digits of a number: Markdown's emphasis
    /// and code marks ("0151 **907** 8300") and short HTML tags or comments ("<b>",
    /// "<span></span>", which cmark leaves out).
    private static func hiddenMarkupLength(in characters: [Character], at index: Int) -> Int {
        var end = index
        while end < characters.count {
            if "*_`~".contains(characters[end]) {
                end += 1
                continue
            }
            guard characters[end] == "<", end + 1 < characters.count,
                  characters[end + 1].isLetter || "/!".contains(characters[end + 1]) else { break }
            var close = end + 1
            while close < min(characters.count, end + 64), characters[close] != ">", !characters[close].isNewline {
                close += 1
            }
            guard close < characters.count, characters[close] == ">" else { break }
            end = close + 1
        }
        return end - index
    }

    /// How many characters separate two groups of a phone number at `index`: spaces
    /// (any number: a page shows them as one), a hyphen, dot or dash with or without
    /// spaces around it, or a line break (Markdown shows "0151 907" and "8300" on two
    /// lines as one line); nil when no group follows.
    private static func separatorLength(in characters: [Character], at index: Int, digitsSoFar: String) -> Int? {
        guard !digitsSoFar.isEmpty else { return nil }
        var next = index
        func skipSpaces() {
            while next < characters.count, groupSpaces.contains(characters[next]) { next += 1 }
        }
        skipSpaces()
        if next < characters.count, characters[next].isNewline || groupMarks.contains(characters[next]) {
            // "0800 1111. 999 in an emergency" is two numbers and a full stop.
            if characters[next] == "." && (next > index || next + 1 < characters.count && !isDigit(characters[next + 1])) {
                return nil
            }
            next += 1
            skipSpaces()
        }
        guard next > index else { return nil }
        next += hiddenMarkupLength(in: characters, at: next)
        return next < characters.count && isDigit(characters[next]) ? next - index : nil
    }

    /// Spaces, also the no-break and thin ones word processors put in.
    private static let groupSpaces: Set<Character> = [" ", "\t", "\u{A0}", "\u{202F}", "\u{2009}", "\u{2007}"]
    /// Hyphens, dots and dashes.
    private static let groupMarks: Set<Character> = ["-", ".", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}"]

    /// "£999", "1,111", "2.101", "10-111": part of an amount or a longer number.
    private static func followsNumberOrAmount(_ characters: [Character], at index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = characters[index - 1]
        if "£$€#".contains(previous) { return true }
        return ".,-/:".contains(previous) && index > 1 && isDigit(characters[index - 2])
    }

    /// A number that goes on as "101st", "111.5", "999,000" or "112/3" is not a phone number.
    private static func continuesNumberOrWord(_ characters: [Character], at index: Int) -> Bool {
        guard index < characters.count else { return false }
        if isWordCharacter(characters[index]) || characters[index] == "%" { return true }
        return isNumberJoin(characters, at: index)
    }

    /// A '.', ',', '/', ':' or '-' between two digits.
    private static func isNumberJoin(_ characters: [Character], at index: Int) -> Bool {
        guard index > 0, index + 1 < characters.count, ".,/:-".contains(characters[index]) else { return false }
        return isDigit(characters[index - 1]) && isDigit(characters[index + 1])
    }

    /// "sections 111 and 112 of the Act": a number followed by "of" is a reference.
    private static func isFollowedByOf(_ characters: [Character], at index: Int) -> Bool {
        starts(characters, at: index, with: " of ")
    }

    private static func followsReferenceWord(_ characters: [Character], at index: Int) -> Bool {
        var end = index
        while end > 0, characters[end - 1] == " " || characters[end - 1] == "\u{A0}" { end -= 1 }
        var start = end
        while start > 0, isWordCharacter(characters[start - 1]) || characters[start - 1] == "." { start -= 1 }
        return referenceWords.contains(String(characters[start..<end]).lowercased())
    }

    /// Where an address ends: at a space, a quote or angle bracket, or a ')' that closes
    /// a Markdown link; trailing punctuation belongs to the sentence.
    private static func addressEnd(in characters: [Character], from start: Int) -> Int {
        var index = start
        var depth = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || "<>\"'`[]{}|\\".contains(character) { break }
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            index += 1
        }
        while index > start, ".,;:!?*_".contains(characters[index - 1]) { index -= 1 }
        return index
    }

    /// Just after the `}}` that closes a value opened before `start`, or the end of the
    /// line when it is not closed there (an unclosed value is an error of its own).
    private static func closingBraces(in characters: [Character], from start: Int) -> Int {
        var index = start
        while index < characters.count, !characters[index].isNewline {
            if characters[index] == "}", index + 1 < characters.count, characters[index + 1] == "}" { return index + 2 }
            index += 1
        }
        return index
    }

    private static func starts(_ characters: [Character], at index: Int, with prefix: String) -> Bool {
        var position = index
        for expected in prefix {
            guard position < characters.count,
                  characters[position].lowercased() == expected.lowercased() else { return false }
            position += 1
        }
        return true
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}

/// Phone numbers compared by their digits, `+44` read as `0`.
enum PhoneNumber {
    static func digits(of written: String) -> String {
        var text = written.lowercased().hasPrefix("tel:") ? String(written.dropFirst(4)) : written
        text = text.trimmingCharacters(in: .whitespaces)
        var digits = text.filter { $0.isASCII && $0.isNumber }
        if text.hasPrefix("+44") || digits.hasPrefix("0044") {
            digits = String(digits.drop { $0 == "0" }.dropFirst(2))
            if digits.hasPrefix("0") { digits.removeFirst() }
            digits = "0" + digits
        }
        return digits
    }
}

/// Web and e-mail addresses compared as the register promises: exactly, except for a
/// trailing '/' and the case of the scheme and host.
enum WebAddress {
    static func sameAddress(_ first: String, _ second: String) -> Bool {
        normalised(first) == normalised(second)
    }

    /// Whether `address` is `base` or a page below it (`https://school.example/complaints`
    /// under `https://school.example/`).
    static func isUnder(_ address: String, base: String) -> Bool {
        let address = normalised(address), base = normalised(base)
        guard address.hasPrefix(base) else { return false }
        guard let next = address.dropFirst(base.count).first else { return true }
        return "/?#".contains(next)
    }

    private static func normalised(_ address: String) -> String {
        var text = address.trimmingCharacters(in: .whitespaces)
        if let schemeEnd = text.range(of: "://") {
            let afterScheme = text[schemeEnd.upperBound...]
            let hostEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
            text = text[..<schemeEnd.upperBound].lowercased() + afterScheme[..<hostEnd].lowercased()
                + afterScheme[hostEnd...]
        } else if text.lowercased().hasPrefix("www.") {
            // Written without a scheme in text: "www.example.org" is https://www.example.org.
            return normalised("https://" + text)
        } else {
            // mailto: addresses: an e-mail address is not case-sensitive in practice.
            text = text.lowercased()
        }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// Text as a reader sees it: character references (`&#48;`, `&colon;`) and Markdown's
/// backslash escapes (`\:`) decoded, as cmark and browsers decode them, so that a number
/// or an address cannot hide behind them. Each character keeps the line and column it
/// was written at.
struct ScannedText {
    private(set) var characters: [Character] = []
    private(set) var lines: [Int] = []
    private(set) var columns: [Int] = []
    /// Whether the character was written as a reference or an escape.
    private(set) var decoded: [Bool] = []

    init(_ text: String, firstLine: Int) {
        let written = Array(text)
        var line = firstLine, column = 1, index = 0
        while index < written.count {
            let (character, length) = Self.reference(in: written, at: index) ?? (written[index], 1)
            characters.append(character)
            lines.append(line)
            columns.append(column)
            decoded.append(length > 1)
            for consumed in written[index..<(index + length)] {
                if consumed.isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            index += length
        }
    }

    /// The character a reference or an escape at `index` stands for, and its length.
    private static func reference(in written: [Character], at index: Int) -> (Character, Int)? {
        if written[index] == "\\", index + 1 < written.count, written[index + 1].isASCII, written[index + 1].isPunctuation
            || written[index + 1].isSymbol {
            return (written[index + 1], 2)
        }
        guard written[index] == "&" else { return nil }
        // The longest reference that matters here is "&#x0010FFFF;" or "&VerticalLine;".
        let end = min(written.count, index + 16)
        guard let semicolon = written[(index + 1)..<end].firstIndex(of: ";") else { return nil }
        let name = String(written[(index + 1)..<semicolon])
        let length = semicolon - index + 1
        if name.hasPrefix("#") {
            let number = name.dropFirst()
            let value = number.first == "x" || number.first == "X"
                ? UInt32(number.dropFirst(), radix: 16) : UInt32(number, radix: 10)
            guard let value, !number.isEmpty else { return nil }
            return (Character(Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"), length)
        }
        return namedCharacters[name].map { ($0, length) }
    }

    /// The named references of HTML that stand for a character a number or an address
    /// is written with: every one for an ASCII character, and the no-break space.
    private static let namedCharacters: [String: Character] = [
        "Tab": "\t", "NewLine": "\n", "excl": "!", "quot": "\"", "QUOT": "\"", "num": "#", "dollar": "$",
        "percnt": "%", "amp": "&", "AMP": "&", "apos": "'", "lpar": "(", "rpar": ")", "ast": "*", "midast": "*",
        "plus": "+", "comma": ",", "period": ".", "sol": "/", "colon": ":", "semi": ";", "lt": "<", "LT": "<",
        "equals": "=", "gt": ">", "GT": ">", "quest": "?", "commat": "@", "lsqb": "[", "lbrack": "[", "bsol": "\\",
        "rsqb": "]", "rbrack": "]", "Hat": "^", "lowbar": "_", "UnderBar": "_", "grave": "`",
        "DiacriticalGrave": "`", "lcub": "{", "lbrace": "{", "verbar": "|", "vert": "|", "VerticalLine": "|",
        "rcub": "}", "rbrace": "}", "nbsp": "\u{A0}", "NonBreakingSpace": "\u{A0}",
    ]
}
