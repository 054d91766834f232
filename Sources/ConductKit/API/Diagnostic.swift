import Foundation

/// Where something came from: a path relative to the site root, with a 1-based line
/// and column. Problems with a whole file point at its first line.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// One problem found in the site's files, as a value: the build collects all of them
/// and the command line prints them together.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public var location: SourceLocation
    public var reason: Reason

    public init(_ reason: Reason, at location: SourceLocation) {
        self.reason = reason
        self.location = location
    }

    public var message: String { reason.message }
    public var hint: String? { reason.hint }

    /// `path:line:col: error: message`, then the hint on an indented line.
    public var description: String {
        var text = "\(location): error: \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// In file order, so that a user can work through them from the top.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}
