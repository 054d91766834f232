import ConductKit
import Foundation
import TestSupport
import Testing

/// A time outside every campaign week of the fixture site, so pages carry no banner.
let ordinaryDay = LondonTime.instant(parsing: "2026-10-01T12:00")!

/// Loads, validates and renders a fixture site in memory, as the build does.
func renderedFiles(of fixture: FixtureSite, schools: [String] = [], asOf: Date = ordinaryDay,
                   includeDrafts: Bool = false) throws -> [String: String] {
    let rendered: [OutputFile]
    do {
        rendered = try Pipeline.render(root: fixture.root, schools: schools, asOf: asOf, includeDrafts: includeDrafts).files
    } catch {
        Issue.record("the fixture site does not build: \(error)")
        throw error
    }
    var files: [String: String] = [:]
    for file in rendered {
        files[file.path] = String(decoding: file.contents, as: UTF8.self)
    }
    return files
}

func diagnostics(of fixture: FixtureSite) -> [String] {
    SiteValidator.validate(SiteLoader.load(root: fixture.root)).diagnostics.map(\.description)
}
