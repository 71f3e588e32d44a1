import ArgumentParser
import Foundation
import Screening
import Web
import Workspace

extension Scoping {
    /// `scoping serve`: the review in the browser (a local web server).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the review in a browser: dashboard, screening, conflicts and charting pages.",
            discussion: """
                Starts a web server on 127.0.0.1 only and prints the URL to open, with a secret \
                token in it (the page keeps it in a cookie). The dashboard shows what `scoping \
                status` says, agreement and the PRISMA flow; the screening pages take the keys of \
                `scoping screen`. Every decision goes to screening/<reviewer>.jsonl and is synced to \
                disk before the page shows the next record; the log is locked only while a decision \
                is written, so the terminal and the browser can take turns. Runs until Ctrl-C.

                Team mode (--team): every reviewer of the protocol gets a token of their own, \
                printed once (a line `reviewer URL` each) and kept only as a SHA-256 hash in \
                .scoping/serve-tokens.json; a reviewer acts only as themselves. Only with --team \
                may --host be another address than the loopback one. The server has no TLS: put \
                it behind an SSH tunnel or a reverse proxy. See docs/serve.md.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port: Int = 8765

        @Option(
            help: ArgumentHelp(
                "The address to listen on: 127.0.0.1 (the default); another one only with --team.",
                valueName: "address"))
        var host: String = "127.0.0.1"

        @Flag(help: "Team mode: one token per reviewer, each acting only as themselves.")
        var team = false

        @Flag(help: "With --team: issue new tokens for every reviewer (the old ones stop working).")
        var newTokens = false

        @Option(
            name: .customLong("public-host"),
            help: ArgumentHelp(
                "With --team: a name a reverse proxy sends as the Host header (repeatable).", valueName: "name"))
        var publicHosts: [String] = []

        @Flag(help: "Open the URL in the default browser ($BROWSER or xdg-open).")
        var open = false

        @Flag(help: "Also print the web framework's own log lines on standard error.")
        var verbose = false

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            if !team, !WebServer.isLoopback(host) {
                throw ValidationError(
                    "--host \(host): without --team, scoping serve listens on 127.0.0.1 only. Add --team to give "
                        + "each reviewer their own token (the server has no TLS: use an SSH tunnel or a reverse proxy), "
                        + "or reach 127.0.0.1 from elsewhere through an SSH tunnel.")
            }
            if !team, newTokens || !publicHosts.isEmpty {
                throw ValidationError("--new-tokens and --public-host go with --team")
            }
        }

        func run() async throws {
            let folder: ReviewFolder
            let reviewers: [String]
            do {
                folder = try options.folder()
                reviewers = try folder.loadProtocol().reviewProtocol.screening.reviewers
            } catch {
                throw report(error)
            }
            let address = host == "localhost" ? "127.0.0.1" : host
            var tokens: TeamTokens?
            var issued: [(reviewer: String, token: String)] = []
            if team {
                let valid = reviewers.filter(DecisionLog.isValidReviewer)
                guard !valid.isEmpty else {
                    Console.error(
                        "team mode needs reviewers: protocol/protocol.yaml lists none in screening.reviewers; "
                            + "add them there first")
                    throw Exit.problems
                }
                do {
                    var loaded = try TeamTokens.load(directory: folder.derived)
                    issued = loaded.issue(for: valid, renew: newTokens)
                    try loaded.save(directory: folder.derived)
                    tokens = loaded
                } catch {
                    Console.error(error.description)
                    throw Exit.cannotWrite
                }
            }
            // The baseline of docs/benchmarks.md: the ranking retrained before each response, as before.
            let inline = ProcessInfo.processInfo.environment["SCOPING_SERVE_RETRAIN"] == "inline"
            let server = WebServer(
                folder: folder, address: address, port: port, team: tokens, publicNames: publicHosts, verbose: verbose,
                retrain: inline ? .inline : .background)
            let openBrowser = open
            let shown = publicHosts.first ?? (address.contains(":") ? "[\(address)]" : address)
            let secret = server.app.secrets.token
            let issuedNow = issued
            let teamMode = tokens != nil
            let kept =
                tokens.map { t in t.reviewers.keys.filter { r in !issuedNow.contains { $0.reviewer == r } } } ?? []
            do {
                try await server.run { port in
                    let base = "http://\(shown)\(shown.contains(":") && !shown.hasPrefix("[") ? "" : ":\(port)")/"
                    guard teamMode else {
                        Console.err(
                            "serving \(folder.root.path) on 127.0.0.1; open this URL (it holds the access token); "
                                + "Ctrl-C stops")
                        let url = base + "?token=" + secret
                        Console.out(url)
                        if openBrowser { Serve.openInBrowser(url) }
                        return
                    }
                    Console.err(
                        "serving \(folder.root.path) on \(address):\(port) in team mode. This server has no TLS: "
                            + "put it behind an SSH tunnel or a reverse proxy with HTTPS. Ctrl-C stops")
                    if !issuedNow.isEmpty {
                        Console.err(
                            "new tokens, shown this once (only their hashes are kept, in .scoping/"
                                + "\(TeamTokens.fileName)); give each reviewer their own line:")
                    }
                    for (reviewer, token) in issuedNow { Console.out("\(reviewer) \(base)?token=\(token)") }
                    if !kept.isEmpty {
                        Console.err(
                            "tokens issued earlier still hold for \(kept.sorted().joined(separator: ", ")) "
                                + "(--new-tokens issues new ones)")
                    }
                }
            } catch {
                Console.error("cannot serve on \(address):\(port): \(error)")
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
