import ArgumentParser
import ConductKit
import Foundation

/// How the commands that build tell the user what went wrong, and name folders.
enum Reporting {
    /// - Parameter signal: the signal that stopped the work, for `.interrupted`.
    static func report(_ failure: Pipeline.Failure, signal: Int32? = nil, output: URL) throws {
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
        case .output(let diagnostic) where diagnostic.reason == .interrupted:
            Output.error("\(diagnostic.message); \(displayPath(output)) was left as it was")
            throw Interruption.exitCode(for: signal ?? SIGINT)
        case .output(let diagnostic):
            Output.error(diagnostic.description)
            throw ExitCode.contentErrors
        }
    }

    /// Text as it may reach the terminal: control characters (escape sequences and
    /// direction overrides among them), which could come from a file's name or contents,
    /// are written as `\u{1B}` and so can never move the cursor, change colours, retitle
    /// the window or reorder what is shown. Tabs and newlines stay.
    static func printable(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if ControlCharacters.contains(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A signal arrived while the new output was being swapped in, so the swap was
    /// finished first: the output is whole, and the exit status still says "stopped".
    static func interruptedAfterFinishing(_ signal: Int32, output: URL) throws {
        Output.error("interrupted: the new site was already being swapped in, so that was finished first; "
                     + "\(displayPath(output)) is complete")
        throw Interruption.exitCode(for: signal)
    }

    /// The clause a summary line ends with when leftovers were removed.
    static func leftovers(_ count: Int) -> String {
        count == 0 ? "" : " (removed \(count) temporary \(count == 1 ? "folder" : "folders") left by stopped builds)"
    }

    /// Relative to the working folder when inside it, as users typed it.
    static func displayPath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) + "/" }
        return path + "/"
    }
}
