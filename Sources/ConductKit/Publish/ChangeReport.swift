/// What a publish changes compared with the previous one, school by school, so the
/// person publishing can see that an edit touched only what it should.
public struct ChangeReport: Equatable, Sendable {
    public struct Changes: Equatable, Sendable {
        /// A school's slug, or nil for the consortium's own files.
        public var school: String?
        public var added: [String] = []
        public var changed: [String] = []
        public var removed: [String] = []

        public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
    }

    /// The previous publish's version and time; nil when there was none.
    public var previous: (version: String, asOf: String)?
    /// Only the schools (and consortium files) with changes, consortium first.
    public var changes: [Changes]
    public var unchangedSchools: Int

    public static let fileName = "changes.txt"

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.previous?.version == rhs.previous?.version && lhs.previous?.asOf == rhs.previous?.asOf
            && lhs.changes == rhs.changes && lhs.unchangedSchools == rhs.unchangedSchools
    }

    init(from previous: Manifest?, to current: Manifest, schools: [String]) {
        self.previous = previous.map { ($0.version, $0.asOf) }
        let before = Dictionary((previous?.files ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(current.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var bySchool: [String?: Changes] = [:]
        for entry in current.files {
            guard let old = before[entry.path] else {
                bySchool[entry.school, default: Changes(school: entry.school)].added.append(entry.path)
                continue
            }
            if old.sha256 != entry.sha256 || old.size != entry.size {
                bySchool[entry.school, default: Changes(school: entry.school)].changed.append(entry.path)
            }
        }
        for entry in previous?.files ?? [] where after[entry.path] == nil {
            bySchool[entry.school, default: Changes(school: entry.school)].removed.append(entry.path)
        }
        changes = bySchool.values.sorted { ($0.school ?? "") < ($1.school ?? "") }
        unchangedSchools = schools.filter { bySchool[$0] == nil }.count
    }

    /// The report as the command prints it and saves it beside the manifest.
    public var text: String {
        var lines: [String] = []
        if let previous {
            lines.append("Changes since the previous publish (version \(previous.version), as of \(previous.asOf)):")
        } else {
            lines.append("No previous publish in the output folder: every file is new.")
        }
        for change in changes {
            let counts = [("added", change.added), ("changed", change.changed), ("removed", change.removed)]
                .filter { !$0.1.isEmpty }.map { "\($0.1.count) \($0.0)" }.joined(separator: ", ")
            lines.append("\(change.school ?? "consortium files"): \(counts)")
            if previous != nil {
                lines += change.added.map { "  + \($0)" } + change.changed.map { "  ~ \($0)" } + change.removed.map { "  - \($0)" }
            }
        }
        if previous != nil {
            lines.append(changes.isEmpty ? "Nothing changed." : "Unchanged: \(unchangedSchools) \(unchangedSchools == 1 ? "school" : "schools").")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
