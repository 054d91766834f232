/// Checks `Content/sources.yml`: every entry needs a fact, an https:// source and the
/// date it was checked; its phone numbers must be phone numbers and its links full
/// addresses. The same number or address may support several facts.
enum SourceRegisterValidator {
    static func validate(_ source: SourcesSource?, diagnostics: inout [Diagnostic]) -> SourceRegister? {
        guard let source else { return .empty }
        let before = diagnostics.count
        let entries = source.entries.compactMap { entry -> SourceRegister.Entry? in
            let address = entry.source.flatMap { SchoolValidator.httpsURL($0, key: "source", diagnostics: &diagnostics) }
            let checked = entry.checked.flatMap { SiteValidator.calendarDate($0, key: "checked", diagnostics: &diagnostics) }
            for phone in entry.phones where !isPhoneNumber(phone.value) {
                diagnostics.append(Diagnostic(.notAPhoneNumber(phone.value), at: phone.location))
            }
            let links = entry.links.compactMap { link -> String? in
                link.value.lowercased().hasPrefix("mailto:")
                    ? link.value : SchoolValidator.httpsURL(link, key: "links", diagnostics: &diagnostics)
            }
            guard let fact = entry.fact, let address, let checked, links.count == entry.links.count else { return nil }
            return SourceRegister.Entry(fact: fact.value, source: address, checked: checked,
                                        phones: entry.phones.map(\.value), links: links)
        }
        return diagnostics.count == before ? SourceRegister(entries: entries) : nil
    }

    /// Digits, with spaces or hyphens between them and perhaps a leading '+': the content
    /// may also write numbers the scanner does not look for (a text number such as 85258).
    private static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        let body = text.hasPrefix("+") ? text.dropFirst() : text[...]
        return digits.count >= 3 && body.first?.isNumber == true && body.last?.isNumber == true
            && body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == " " || $0 == "-" }
    }
}
