import Foundation
import Hummingbird
public import Workspace

/// `scoping serve`'s server: a ``WebApp`` on the loopback address, until SIGINT or SIGTERM.
public struct WebServer: Sendable {
    public let app: WebApp
    /// The port asked for; 0 picks a free one.
    public let port: Int

    public init(folder: ReviewFolder, port: Int, secrets: WebSecrets = .random()) {
        app = WebApp(folder: folder, secrets: secrets)
        self.port = port
    }

    /// Binds 127.0.0.1, calls `started` with the URL to open (with the token), and serves until
    /// SIGINT or SIGTERM. Every decision is on disk before its response, so a stop loses nothing.
    public func run(started: @escaping @Sendable (String) async -> Void) async throws {
        let app = self.app
        let application = Application(
            router: app.router(),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "scoping"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                app.allow(port: port)
                await started("http://127.0.0.1:\(port)/?token=\(app.secrets.token)")
            })
        try await application.runService()
    }
}
