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

    /// What the content scanner would take for one phone number, and nothing else.
    private static func isPhoneNumber(_ text: String) -> Bool {
        let found = ContactScanner.references(in: text)
        return found.count == 1 && found[0].kind == .phone && found[0].text == text
    }
}
