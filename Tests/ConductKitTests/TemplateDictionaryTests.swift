@testable import ConductKit
import Testing

/// Page values reach Mustache as the dictionaries and arrays their `Encodable` writes.
@Suite struct TemplateDictionaryTests {
    @Test func aStructBecomesADictionaryOfItsPropertiesWithoutTheNilOnes() throws {
        let school = SchoolValues(name: "Ash & Oak", short_name: "Ash", town: "Leeds", website: "https://ash.example/",
                                  complaints_url: "https://ash.example/complaints", has_logo: false,
                                  logo: nil, logo_data_url: nil)
        let dictionary = try #require(TemplateDictionary.make(school) as? [String: Any])
        #expect(Set(dictionary.keys) == ["name", "short_name", "town", "website", "complaints_url", "has_logo"])
        #expect(dictionary["name"] as? String == "Ash & Oak")
        #expect(dictionary["has_logo"] as? Bool == false)
    }

    @Test func htmlStaysHTMLAndAListKeepsItsOrder() throws {
        let entry = DocumentPage.ContentsEntry(id: "rules", text_html: HTMLText("<em>Rules</em>"), has_children: true,
                                               children: [.init(id: "online", text_html: HTMLText("Online")),
                                                          .init(id: "offline", text_html: HTMLText("Offline"))])
        let dictionary = try #require(TemplateDictionary.make(entry) as? [String: Any])
        #expect((dictionary["text_html"] as? HTMLText)?.html == "<em>Rules</em>")
        let children = try #require(dictionary["children"] as? [Any])
        #expect(children.compactMap { ($0 as? [String: Any])?["id"] as? String } == ["online", "offline"])
        #expect(children.compactMap { (($0 as? [String: Any])?["text_html"] as? HTMLText)?.html } == ["Online", "Offline"])
    }
}
