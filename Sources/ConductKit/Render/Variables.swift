import Markdown

/// The values a Markdown file may use as `{{school.name}}` and the like.
enum Variable: String, CaseIterable {
    case schoolName = "school.name"
    case schoolShortName = "school.short_name"
    case schoolTown = "school.town"
    case schoolWebsite = "school.website"
    case associationName = "association.name"
    /// A block: the list of member schools, in a paragraph of its own.
    case memberSchools = "association.member_schools"

    static let names = allCases.map(\.rawValue)

    var isBlock: Bool { self == .memberSchools }
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
        var uses: [VariableUse] = []
        var unclosed: [(Int, Int)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    unclosed.append((firstLine + index, column))
                    break
                }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let isBlank = { (i: Int) in i < 0 || i >= lines.count || lines[i].allSatisfy(\.isWhitespace) }
                let alone = line.trimmingCharacters(in: .whitespaces) == "{{\(name)}}"
                    && isBlank(index - 1) && isBlank(index + 1)
                uses.append(VariableUse(name: name, line: firstLine + index, column: column, standsAlone: alone))
                rest = rest[close.upperBound...]
            }
        }
        return (uses, unclosed)
    }
}
