import Foundation
import Hummingbird
import Logging
public import Workspace

/// `scoping serve`'s server: a ``WebApp`` on the loopback address (or, in team mode, the
/// address given), until SIGINT or SIGTERM.
public struct WebServer: Sendable {
    public let app: WebApp
    /// The address to bind: `127.0.0.1` unless team mode.
    public let address: String
    /// The port asked for; 0 picks a free one.
    public let port: Int
    /// Names a reverse proxy sends as the Host (team mode).
    public let publicNames: [String]
    /// The framework's own log lines (`Server started` …) on standard error.
    public let verbose: Bool

    /// - Parameters:
    ///   - team: team mode's tokens; nil: loopback mode with `secrets.token`.
    ///   - retrain: `.background` (the default); `.inline` only as the benchmark's baseline.
    public init(
        folder: ReviewFolder, address: String = "127.0.0.1", port: Int, secrets: WebSecrets = .random(),
        team: TeamTokens? = nil, publicNames: [String] = [], verbose: Bool = false,
        retrain: ScreeningRetrain = .background
    ) {
        app = WebApp(folder: folder, secrets: secrets, team: team, retrain: retrain)
        self.address = address
        self.port = port
        self.publicNames = publicNames
        self.verbose = verbose
    }

    /// The loopback addresses, the only ones served without team mode.
    public static func isLoopback(_ address: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(address.lowercased())
    }

    /// Binds the address, calls `started` with the port it got, and serves until SIGINT or
    /// SIGTERM. Every decision is on disk before its response, so a stop loses nothing.
    public func run(started: @escaping @Sendable (Int) async -> Void) async throws {
        let app = self.app
        let address = self.address
        let names = publicNames
        var logger = Logger(label: "scoping-serve")
        logger.logLevel = verbose ? .info : .error
        let application = Application(
            router: app.router(),
            configuration: .init(address: .hostname(address, port: port), serverName: "scoping"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                app.allow(port: port, address: address, names: names)
                await started(port)
            },
            logger: logger)
        try await application.runService()
    }
}
