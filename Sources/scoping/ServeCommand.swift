import ArgumentParser
import Foundation
import Web
import Workspace

extension Scoping {
    /// `scoping serve`: the review in the browser (a local web server).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the review in a browser on this machine: dashboard and screening pages.",
            discussion: """
                Starts a web server on 127.0.0.1 only and prints the URL to open, with a secret \
                token in it (the page keeps it in a cookie). The dashboard shows what `scoping \
                status` says, agreement and the PRISMA flow; the screening pages take the keys of \
                `scoping screen`. Every decision goes to screening/<reviewer>.jsonl and is synced to \
                disk before the page shows the next record; the log is locked only while a decision \
                is written, so the terminal and the browser can take turns. Runs until Ctrl-C. \
                Other hosts than the loopback address (team mode) are not there yet. See docs/serve.md.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port: Int = 8765

        @Option(
            help: ArgumentHelp("The address to listen on: only 127.0.0.1 (the default) for now.", valueName: "address"))
        var host: String = "127.0.0.1"

        @Flag(help: "Open the URL in the default browser ($BROWSER or xdg-open).")
        var open = false

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard ["127.0.0.1", "localhost"].contains(host) else {
                throw ValidationError(
                    "--host \(host): scoping serve listens on 127.0.0.1 only; team mode (other addresses, "
                        + "one token per reviewer) is not there yet. Reach it from elsewhere through an SSH tunnel.")
            }
        }

        func run() async throws {
            let folder: ReviewFolder
            do {
                folder = try options.folder()
                _ = try folder.loadProtocol()
            } catch {
                throw report(error)
            }
            let server = WebServer(folder: folder, port: port)
            let openBrowser = open
            do {
                try await server.run { url in
                    Console.err(
                        "serving \(folder.root.path) on 127.0.0.1; open this URL (it holds the access token); "
                            + "Ctrl-C stops"
                    )
                    Console.out(url)
                    if openBrowser { Serve.openInBrowser(url) }
                }
            } catch {
                Console.error("cannot serve on 127.0.0.1:\(port): \(error)")
                throw Exit.cannotWrite
            }
        }

        /// `$BROWSER URL` or `xdg-open URL`, detached.
        static func openInBrowser(_ url: String) {
            let browser = ProcessInfo.processInfo.environment["BROWSER"].flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", browser + " \"$1\"", "scoping-open", url]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { Console.error("cannot run \(browser): \(error.localizedDescription)") }
        }
    }
}
