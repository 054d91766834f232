import ConductKit
import Foundation
import Markdown

/// What the preview adds to the pages it serves, and only there: the script that
/// reloads the page when the site changes, and the overlay that lists the site's
/// problems while it cannot be built.
enum PreviewPage {
    /// Where the reload script listens for Server-Sent Events.
    static let eventsPath = "/__preview/events"

    /// `html` with the overlay (when there are problems) and the reload script added
    /// at the end of its body. `version` names the state of the site the page shows.
    static func decorate(_ html: String, version: String, problems: [Diagnostic]) -> String {
        let addition = (problems.isEmpty ? "" : overlay(problems)) + reloadScript(version: version)
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + addition }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: addition)
    }

    /// The page shown for every address while no build of the school has succeeded yet.
    static func problemsOnly(_ problems: [Diagnostic], version: String) -> String {
        let page = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Errors in the site – conduct preview</title>
            </head>
            <body>
            </body>
            </html>

            """
        return decorate(page, version: version, problems: problems)
    }

    /// Reloads when the server announces a version other than the page's own; the
    /// server also announces at once if the site changed before the script connected.
    /// Versions are made of letters, digits and hyphens, so they go into the address as they are.
    ///
    /// A hidden tab lets go of its stream: browsers open at most six connections to
    /// one address, and each open stream holds one, so a seventh tab of the preview
    /// would never load. Shown again, the tab reconnects, and reloads at once if the
    /// site changed meanwhile.
    static func reloadScript(version: String) -> String {
        """
        <script>
        // Added by conduct preview, never published: reloads this page when the site changes.
        (function () {
          var stream = null;
          function listen() {
            if (stream) return;
            stream = new EventSource("\(eventsPath)?version=\(version)");
            stream.addEventListener("reload", function () { location.reload(); });
          }
          document.addEventListener("visibilitychange", function () {
            if (!document.hidden) return listen();
            if (stream) stream.close();
            stream = null;
          });
          if (!document.hidden) listen();
        })();
        </script>

        """
    }

    static func overlay(_ problems: [Diagnostic]) -> String {
        let count = problems.count == 1 ? "1 error" : "\(problems.count) errors"
        let list = problems.map { HTML.escape($0.description) }.joined(separator: "\n")
        return """
            <div id="conduct-preview-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;\
            padding:2rem;background:rgba(24,24,24,0.96);color:#fff;font:1rem/1.5 system-ui,sans-serif">
            <h2 style="margin:0 0 0.5rem;font-size:1.5rem;color:#ffb3b3">\(count) in the site's files</h2>
            <p style="margin:0 0 1rem">Fix them and save: this page reloads by itself. Until then it shows the last good build, if any, behind this panel.</p>
            <pre style="margin:0;white-space:pre-wrap;font:0.9rem/1.5 ui-monospace,monospace">\(list)</pre>
            </div>

            """
    }
}
