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
    /// As written in the file.
    var text: String
    /// 1-based line and column in the scanned text.
    var line: Int
    var column: Int
}

/// Finds phone numbers and absolute addresses in text: Markdown, YAML values or
/// templates. One pass over each line, so long pages cost no more than their length.
///
/// Phone numbers are UK numbers written with spaces or hyphens (`0151 907 8300`,
/// `+44 151 907 8300`, `0800 1111`) and the short service numbers 999, 112, 111, 101
/// and 116xxx when they stand alone. Years (1997), section numbers (127, "section 101"),
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
        var found: [ContactReference] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            found += references(inLine: Array(line), line: firstLine + index)
        }
        return found
    }

    /// Addresses in `href="…"` and `src="…"` attributes of a template: only those
    /// written out (`https://…`), not ones made from values (`{{school.website}}`).
    static func templateLinks(in text: String) -> [ContactReference] {
        references(in: text).filter { reference in
            reference.kind == .link && reference.text.lowercased().hasPrefix("http")
        }
    }

    private static func references(inLine characters: [Character], line: Int) -> [ContactReference] {
        var found: [ContactReference] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            // Values such as {{school.website}} belong to school.yml.
            if character == "{", index + 1 < characters.count, characters[index + 1] == "{" {
                index = closingBraces(in: characters, from: index + 2) ?? characters.count
                continue
            }
            let boundary = index == 0 || !isWordCharacter(characters[index - 1])
            if boundary, let scheme = schemes.first(where: { starts(characters, at: index, with: $0) }) {
                let end = addressEnd(in: characters, from: index + scheme.count)
                // "www." needs a name after it ("www.example.org"), not just "www.".
                if end > index + scheme.count, scheme != "www." || characters[(index + scheme.count)..<end].contains(".") {
                    let written = String(characters[index..<end])
                    let kind: ContactReference.Kind = scheme == "tel:" ? .phone : .link
                    found.append(ContactReference(kind: kind, text: written, line: line, column: index + 1))
                }
                index = max(end, index + 1)
                continue
            }
            if boundary, character.isASCII, character.isNumber || character == "+",
               let end = phoneEnd(in: characters, from: index) {
                found.append(ContactReference(kind: .phone, text: String(characters[index..<end]), line: line,
                                              column: index + 1))
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
        return found
    }

    /// The end of the phone number starting at `start`, or nil when none starts there.
    private static func phoneEnd(in characters: [Character], from start: Int) -> Int? {
        guard !followsNumberOrAmount(characters, at: start) else { return nil }
        var index = start
        var digits = ""
        var international = false
        if starts(characters, at: index, with: "+44") {
            international = true
            index += 3
            if index < characters.count, characters[index] == " " { index += 1 }
            if starts(characters, at: index, with: "(0)") {
                index += 3
                if index < characters.count, characters[index] == " " { index += 1 }
            }
        } else if characters[index] == "+" {
            return nil
        }
        // Groups of digits joined by single spaces or hyphens. No phone number has more
        // than 11 digits, so a longer run is not one (and costs no more to rule out).
        while index < characters.count {
            guard digits.count <= 11 else { return nil }
            if isDigit(characters[index]) {
                digits.append(characters[index])
                index += 1
            } else if characters[index] == " " || characters[index] == "-",
                      index + 1 < characters.count, isDigit(characters[index + 1]),
                      !digits.isEmpty, digits.first == "0" || international || digits == "116" {
                index += 1
            } else {
                break
            }
        }
        guard !digits.isEmpty, !continuesNumberOrWord(characters, at: index) else { return nil }
        if international {
            return (9...10).contains(digits.count) && digits.first != "0" ? index : nil
        }
        if digits.first == "0" {
            // UK numbers have 10 or 11 digits and no area code starts 00; a few freephone
            // numbers (Childline's 0800 1111) are shorter.
            let isPhone = !digits.hasPrefix("00")
                && ((10...11).contains(digits.count) || ((8...9).contains(digits.count) && digits.hasPrefix("08")))
            return isPhone ? index : nil
        }
        let isService = serviceNumbers.contains(digits) || (digits.count == 6 && digits.hasPrefix("116"))
        guard isService, !followsReferenceWord(characters, at: start), !isFollowedByOf(characters, at: index) else {
            return nil
        }
        return index
    }

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

    private static func closingBraces(in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            if characters[index] == "}", characters[index + 1] == "}" { return index + 2 }
            index += 1
        }
        return nil
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
        if text.hasPrefix("+44") {
            digits.removeFirst(2)
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
