import Foundation

/// What `conduct check` finds in the site's source files, beside the built pages:
/// phone numbers and addresses missing from the register of sources (errors), and
/// figures to guide the writers (reading levels, the Code's length) and the person
/// publishing (values still to be confirmed), which never fail the check.
public struct ContentReport: Sendable {
    /// Problems with the register of sources or with what the content writes.
    public var diagnostics: [Diagnostic]
    public var readingLevels: [ReadingLevel]
    /// Nil when the Code cannot be read.
    public var codeLength: CodeLength?
    /// Each school with keys listed under `unverified:`, in school order.
    public var unconfirmed: [SchoolUnconfirmedValues]
    /// Every translation, by path: whether it is a draft and follows the English as it is now.
    public var translations: [TranslationStatus]
    /// Documents written from an earlier version of the Code than the one it now has.
    public var outOfDate: [OutOfDateDocument]

    /// - Parameter schools: the slugs to report on; empty for every school.
    public static func make(root: URL, schools: [String] = []) -> ContentReport {
        let source = SiteLoader.load(root: root)
        let selected = source.schools.filter { schools.isEmpty || schools.contains($0.folder) }
        return ContentReport(
            diagnostics: SourceRegisterCheck.check(source, schools: schools),
            readingLevels: ReadingLevel.measure(source, schools: schools),
            codeLength: CodeLength.measure(source, schools: schools),
            unconfirmed: selected.filter { !$0.unverified.isEmpty }.map {
                SchoolUnconfirmedValues(slug: $0.folder, values: $0.unconfirmedValues)
            },
            translations: source.translations.map { translation in
                TranslationStatus(path: translation.path, language: translation.language,
                                  reviewedBy: translation.metadata["reviewed_by"]?.value ?? "",
                                  origin: source.documents[translation.kind].flatMap(translation.origin(english:)))
            },
            outOfDate: OutOfDateDocument.find(in: source)
        )
    }
}

/// A translation as `conduct check` lists it. Reading levels are not measured for it:
/// the Flesch formulas are for English.
public struct TranslationStatus: Sendable, Equatable {
    public var path: String
    public var language: LanguageTag
    /// Empty for a draft.
    public var reviewedBy: String
    /// Nil when the translation or its English cannot be read (`conduct build` says why).
    public var origin: TranslationOrigin?
}

/// A document that says which version of the Code it was written from (`code_version`,
/// such as the Easy Read), when the Code has another version now.
public struct OutOfDateDocument: Sendable, Equatable {
    public var path: String
    public var writtenFrom: String
    public var codeVersion: String

    static func find(in source: SiteSource) -> [OutOfDateDocument] {
        guard let current = source.documents[.codeOfConduct]?.metadata["version"]?.value else { return [] }
        return DocumentKind.allCases.compactMap { source.documents[$0] }.compactMap { document in
            guard let writtenFrom = document.metadata["code_version"]?.value, writtenFrom != current else { return nil }
            return OutOfDateDocument(path: document.path, writtenFrom: writtenFrom, codeVersion: current)
        }
    }
}

public struct SchoolUnconfirmedValues: Sendable, Equatable {
    public var slug: String
    public var values: [UnconfirmedValue]
}

/// How long the Code is, in the words a reader sees (as `ReadingLevel` counts them:
/// the body without front matter, link addresses or `{{values}}`; not the list of
/// sources at its end). Parents read it on phones, so it aims to stay short.
public struct CodeLength: Sendable, Equatable {
    /// The most words the Code should have; a guide, like the reading level.
    public static let target = 3_200

    /// `Content/code-of-conduct.md` alone.
    public var shared: Int
    /// Each school's Code with its own sections in place, by slug; empty when the site
    /// has errors that stop it being composed.
    public var schools: [String: Int]

    static func measure(_ source: SiteSource, schools selection: [String]) -> CodeLength? {
        guard let document = source.documents[.codeOfConduct] else { return nil }
        let shared = ReadingLevel(path: document.path, markdown: document.body).words
        let (site, _) = SiteValidator.validate(source, schools: selection.isEmpty ? nil : selection)
        guard let site, let code = site.documents[.codeOfConduct] else { return CodeLength(shared: shared, schools: [:]) }
        var schools: [String: Int] = [:]
        for school in site.schools {
            let composed = DocumentComposer.compose(code, sections: school.sections, headingText: { $0 })
            schools[school.slug] = ReadingLevel(path: document.path, blocks: composed.text).words
        }
        return CodeLength(shared: shared, schools: schools)
    }
}
