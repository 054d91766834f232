import ConductKit
import Foundation
import TestSupport
import Testing

/// Loads, validates and renders a fixture site in memory, as the build does.
func renderedFiles(of fixture: FixtureSite, schools: [String]? = nil) throws -> [String: String] {
    let (validated, diagnostics) = SiteValidator.validate(SiteLoader.load(root: fixture.root), schools: schools)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    let site = try #require(validated)
    var files: [String: String] = [:]
    for file in SiteRenderer.render(site) {
        files[file.path] = String(decoding: file.contents, as: UTF8.self)
    }
    return files
}

func diagnostics(of fixture: FixtureSite) -> [String] {
    SiteValidator.validate(SiteLoader.load(root: fixture.root)).diagnostics.map(\.description)
}
