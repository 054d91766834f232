import ArgumentParser
import ConductKit
import Foundation

/// How the commands that build tell the user what went wrong, and name folders.
enum Reporting {
    static func report(_ failure: Pipeline.Failure) throws {
        switch failure {
        case .invalidSite(let diagnostics):
            diagnostics.forEach { Output.error($0.description) }
            let count = diagnostics.count
            Output.error("\(count) \(count == 1 ? "error" : "errors"); nothing was written.")
            throw ExitCode.contentErrors
        case .unknownSchools(let unknown, let available):
            Output.error("error: no school folder named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) under Schools/")
            Output.error("    hint: schools: \(available.joined(separator: ", "))")
            throw ExitCode.usage
        case .output(let diagnostic):
            Output.error(diagnostic.description)
            throw ExitCode.contentErrors
        }
    }

    /// Relative to the working folder when inside it, as users typed it.
    static func displayPath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) + "/" }
        return path + "/"
    }
}
