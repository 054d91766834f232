import Markdown

/// The values a Markdown file may use as `{{school.name}}` and the like.
enum Variable: String, CaseIterable {
    case schoolName = "school.name"
    case schoolShortName = "school.short_name"
    case schoolTown = "school.town"
    case schoolWebsite = "school.website"
    /// The school's complaints procedure page, or its website when it has given none.
    case schoolComplaintsURL = "school.complaints_url"
    case associationName = "association.name"
    /// A block: the list of member schools, in a paragraph of its own.
    case memberSchools = "association.member_schools"

    static let names = allCases.map(\.rawValue)

    var isBlock: Bool { self == .memberSchools }

    /// Values checked to be https:// addresses, which may form a link's address.
    var isAddress: Bool { self == .schoolWebsite || self == .schoolComplaintsURL }
}

/// A `{{name}}` found in Markdown source, with its line and column in the file.
struct VariableUse {
    var name: String
    var line: Int
    var column: Int
    /// The whole line stands for this variable alone, between blank lines.
    var standsAlone: Bool
}

enum VariableScanner {
    /// Every `{{…}}` in `text`, plus the position of a `{{` that is never closed.
    static func uses(in text: String, firstLine: Int) -> (uses: [VariableUse], unclosed: [(line: Int, column: Int)]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let scan = TagScanner.tags(in: lines, open: "{{")
        let isBlank = { (i: Int) in i < 0 || i >= lines.count || lines[i].allSatisfy(\.isWhitespace) }
        // Only a line with a single tag can stand for it alone; each line is looked at once.
        var tagsPerLine: [Int: Int] = [:]
        for tag in scan.tags { tagsPerLine[tag.lineIndex, default: 0] += 1 }
        let uses = scan.tags.map { tag in
            let alone = tagsPerLine[tag.lineIndex] == 1
                && lines[tag.lineIndex].trimmingSpacesAndTabs == "{{\(tag.name)}}"
                && isBlank(tag.lineIndex - 1) && isBlank(tag.lineIndex + 1)
            return VariableUse(name: tag.name, line: firstLine + tag.lineIndex, column: tag.column, standsAlone: alone)
        }
        return (uses, scan.unclosed.map { (firstLine + $0.lineIndex, $0.column) })
    }
}
