import Bibliography
import Foundation
public import Hummingbird
import Protocol
import Screening
import Synthesis
public import Workspace

/// The web front end of a review folder: the routes of `scoping serve`, over the same use cases
/// as the terminal (``ScreenQueueSetup``, ``ReviewFolder/snapshot(index:loaded:)``, the
/// decision log). Build one, then ``router()`` for an `Application` (``WebServer``) or a test.
public final class WebApp: Sendable {
    public let folder: ReviewFolder
    public let secrets: WebSecrets
    /// Team mode (`--team`): each reviewer's token, as hashes; nil: the one token of ``secrets``.
    public let team: TeamTokens?
    let desk: ScreeningDesk
    /// One final decision at a time: the conflict is checked and the decision written under it.
    let reconcileLock = NSLock()
    /// One charted field at a time: the field is checked and written under it.
    let chartingLock = NSLock()
    private let hosts: HostList

    /// `Host`, as a field (HTTP/1 puts it in the request's authority; the router tests send it as a field).
    static let hostField = HTTPFields.Element.Name("Host")!

    /// The name of the cookie that carries the token.
    public static let cookieName = "scoping_token"

    /// - Parameters:
    ///   - allowedHosts: the Host header values accepted (`127.0.0.1:8080`); ``allow(port:address:names:)``
    ///     sets them once the port is known.
    ///   - team: team mode: a reviewer's token lets them act only as themselves.
    ///   - retrain: when a screening queue learns from a decision (``ScreeningRetrain``).
    public init(
        folder: ReviewFolder, secrets: WebSecrets, allowedHosts: Set<String> = [], team: TeamTokens? = nil,
        retrain: ScreeningRetrain = .inline
    ) {
        self.folder = folder
        self.secrets = secrets
        self.team = team
        desk = ScreeningDesk(folder: folder, retrain: retrain)
        hosts = HostList(allowedHosts)
    }

    /// Accepts the loopback address (and `localhost`) with `port` as the Host, and in team mode
    /// also `address` (when not a wildcard) and `names` (a reverse proxy's public name), with the port or as given.
    public func allow(port: Int, address: String? = nil, names: [String] = []) {
        var accepted: Set<String> = ["127.0.0.1:\(port)", "localhost:\(port)"]
        if let address, !["0.0.0.0", "::", "[::]"].contains(address) {
            let bracketed = address.contains(":") && !address.hasPrefix("[") ? "[\(address)]" : address
            accepted.insert("\(bracketed):\(port)")
        }
        for name in names {
            accepted.insert(name.lowercased())
            if !name.contains(":") { accepted.insert("\(name.lowercased()):\(port)") }
        }
        hosts.set(accepted)
    }

    /// Who a request comes from: the one user of loopback mode, or a reviewer in team mode.
    public enum Identity: Equatable, Sendable {
        /// Loopback mode: the holder of the one token may act as any reviewer.
        case owner
        /// Team mode: this reviewer, and only as themselves.
        case reviewer(String)

        /// The reviewer whose pages this identity may use, or nil for any.
        var only: String? {
            if case .reviewer(let name) = self { return name }
            return nil
        }
    }

    /// The identity of the token in the URL (first) or the cookie, or nil when neither is valid.
    func identity(_ request: Request) -> (identity: Identity, token: String)? {
        let query = request.uri.queryParameters["token"].map(String.init)
        let cookie = request.cookies[Self.cookieName]?.value
        for token in [query, cookie] {
            guard let token else { continue }
            if let team {
                if let reviewer = team.reviewer(for: token) { return (.reviewer(reviewer), token) }
            } else if WebSecrets.same(token, secrets.token) {
                return (.owner, token)
            }
        }
        return nil
    }

    /// Waits until no ranking is being retrained in the background.
    public func settle() { desk.settle() }

    /// The routes, behind the Host, token and CSRF checks.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: GuardMiddleware(app: self))
        router.get("/") { request, _ in self.dashboard(viewer: self.identity(request)?.identity.only) }
        router.get("/prisma.svg") { _, _ in self.prisma() }
        // No icon: an empty answer rather than a 404 in the browser's console.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/static/app.css") { _, _ in Self.respond(WebAssets.css, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in
            Self.respond(WebAssets.javascript, type: "text/javascript; charset=utf-8")
        }
        router.get("/output/:name") { _, context in self.output(context.parameters.get("name") ?? "") }
        router.get("/fulltext/:name") { _, context in self.fullText(context.parameters.get("name") ?? "") }
        router.get("/screen/:reviewer/:stage") { _, context in
            self.screening(
                reviewer: context.parameters.get("reviewer") ?? "", stage: context.parameters.get("stage") ?? "")
        }
        router.post("/screen/:reviewer/:stage") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            let fields = FormBody.parse(String(buffer: body))
            return self.screeningAction(
                reviewer: context.parameters.get("reviewer") ?? "", stage: context.parameters.get("stage") ?? "",
                fields: fields,
                partial: request.headers[.init("X-Requested-With")!] == "fetch")
        }
        router.get("/reconcile/:reviewer") { _, context in
            self.reconcilePage(reviewer: context.parameters.get("reviewer") ?? "")
        }
        router.post("/reconcile/:reviewer") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            return self.reconcile(
                reviewer: context.parameters.get("reviewer") ?? "", fields: FormBody.parse(String(buffer: body)))
        }
        router.get("/chart/:reviewer") { request, context in
            self.chartingPage(
                reviewer: context.parameters.get("reviewer") ?? "",
                at: request.uri.queryParameters["at"].flatMap { Int(String($0)) } ?? 1)
        }
        router.get("/chart/:reviewer/verify") { request, context in
            self.chartingPage(
                reviewer: context.parameters.get("reviewer") ?? "", verify: true,
                at: request.uri.queryParameters["at"].flatMap { Int(String($0)) } ?? 1)
        }
        router.post("/chart/:reviewer/verify") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            return self.chart(
                reviewer: context.parameters.get("reviewer") ?? "", verify: true,
                fields: FormBody.parse(String(buffer: body)))
        }
        router.post("/chart/:reviewer") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            return self.chart(
                reviewer: context.parameters.get("reviewer") ?? "", fields: FormBody.parse(String(buffer: body)))
        }
        return router
    }

    // MARK: - Pages

    func dashboard(viewer: String? = nil) -> Response {
        let response = dashboardPage(viewer: viewer)
        // The snapshot is freed (with every record, when the index did not allow a listing): give the memory back.
        ScreeningDesk.releaseFreedMemory()
        return response
    }

    private func dashboardPage(viewer: String?) -> Response {
        do {
            let loaded = try folder.loadProtocol()
            let index = try folder.openIndex()
            // Counts, status and agreement only: no record is read when the index allows it.
            let snapshot = try folder.snapshotWithoutRecords(index: index, loaded: loaded).snapshot
            let input = snapshot.synthesisInput(tool: nil)
            let present = Set(DashboardPage.outputs.map(\.name).filter { fileExists("output/" + $0) })
            let html = DashboardPage.html(
                snapshot: snapshot, status: snapshot.status, agreement: input.agreement, outputsPresent: present,
                csrf: secrets.csrf, team: team == nil ? nil : viewer)
            return Self.respond(html)
        } catch {
            return Self.problem(.internalServerError, "The review cannot be read", Self.describe(error))
        }
    }

    func prisma() -> Response {
        do {
            let loaded = try folder.loadProtocol()
            let snapshot = try folder.snapshotWithoutRecords(index: try folder.openIndex(), loaded: loaded).snapshot
            let svg = PrismaFlow.svg(
                PrismaCounts.make(from: snapshot.synthesisInput(tool: nil)),
                language: loaded.reviewProtocol.review.reportLanguage)
            return Self.respond(svg, type: "image/svg+xml; charset=utf-8")
        } catch {
            return Self.problem(.internalServerError, "The review cannot be read", Self.describe(error))
        }
    }

    func screening(reviewer: String, stage stageName: String) -> Response {
        guard let stage = ScreeningStage(spelling: stageName), DecisionLog.isValidReviewer(reviewer) else {
            return Self.problem(
                .notFound, "No such page", "Screening pages are /screen/<reviewer>/title-abstract or /full-text.")
        }
        do {
            let view = try desk.view(reviewer: reviewer, stage: stage)
            return Self.respond(ScreeningPage.html(view, csrf: secrets.csrf))
        } catch let error as ScreenSetupError {
            return Self.problem(error)
        } catch {
            return Self.problem(.internalServerError, "The queue cannot be set up", Self.describe(error))
        }
    }

    func screeningAction(reviewer: String, stage stageName: String, fields: [String: String], partial: Bool) -> Response
    {
        guard let stage = ScreeningStage(spelling: stageName), DecisionLog.isValidReviewer(reviewer) else {
            return Self.problem(
                .notFound, "No such page", "Screening pages are /screen/<reviewer>/title-abstract or /full-text.")
        }
        guard let action = fields["action"].flatMap(ScreeningDesk.Action.init(rawValue:)) else {
            return Self.problem(.badRequest, "Unknown action", "The form sent no action this page knows.")
        }
        do {
            let view = try desk.act(
                action, reviewer: reviewer, stage: stage, key: fields["key"].map { RecordKey(rawValue: $0) },
                reason: fields["reason"], note: fields["note"])
            let status: HTTPResponse.Status =
                view.isProblem && view.message?.contains(" is held by ") == true ? .conflict : .ok
            if partial { return Self.respond(ScreeningPage.desk(view, csrf: secrets.csrf), status: status) }
            return Self.respond(ScreeningPage.html(view, csrf: secrets.csrf), status: status)
        } catch let error as ScreenSetupError {
            return Self.problem(error)
        } catch {
            return Self.problem(.internalServerError, "The decision was not saved", Self.describe(error))
        }
    }

    /// The page for a queue that cannot be set up: a reviewer the protocol does not name (404),
    /// or a review with nothing ingested yet (409, until `scoping run`), each titled for what it is.
    static func problem(_ error: ScreenSetupError) -> Response {
        switch error {
        case .notAReviewer: problem(.notFound, "Not a reviewer of this review", error.description)
        case .noRecords: problem(.conflict, "Nothing to screen yet", error.description)
        }
    }

    /// `output/<name>` for the names the dashboard links to, when the file exists.
    func output(_ name: String) -> Response {
        guard DashboardPage.outputs.contains(where: { $0.name == name }), fileExists("output/" + name),
            let data = FileManager.default.contents(atPath: folder.root.appending(path: "output/" + name).path)
        else { return Self.problem(.notFound, "No such output", "Run `scoping run` to write the outputs.") }
        let type: String
        switch (name as NSString).pathExtension {
        case "html": type = "text/html; charset=utf-8"
        case "svg": type = "image/svg+xml; charset=utf-8"
        case "csv": type = "text/csv; charset=utf-8"
        default: type = "text/plain; charset=utf-8"
        }
        var response = Self.respond(data, type: type)
        response.headers[.contentSecurityPolicy] = SecurityHeaders.outputPolicy
        return response
    }

    /// `fulltext/<name>` only when `name` is `<key>.pdf` for a key the index knows and the file exists.
    func fullText(_ name: String) -> Response {
        let known: Bool
        do {
            known = try folder.openIndex().knowsFullText(named: name)
        } catch {
            return Self.problem(.internalServerError, "The review cannot be read", Self.describe(error))
        }
        guard known, fileExists("fulltext/" + name),
            let data = FileManager.default.contents(atPath: folder.root.appending(path: "fulltext/" + name).path)
        else {
            return Self.problem(
                .notFound, "No such full text", "Full texts are fulltext/<key>.pdf for records of this review.")
        }
        var response = Self.respond(data, type: "application/pdf")
        response.headers[.contentSecurityPolicy] = SecurityHeaders.fullTextPolicy
        // Framed beside the record by the pages of this server only.
        response.headers[.init("X-Frame-Options")!] = "SAMEORIGIN"
        return response
    }

    // MARK: - Checks

    /// Nil when the request may go on; else the refusal.
    func refusal(_ request: Request) -> Response? {
        let host = request.headers[Self.hostField] ?? request.head.authority
        guard let host, hosts.contains(host) else {
            return Self.problem(
                .misdirectedRequest, "Wrong host",
                "This server answers only at the address it printed (127.0.0.1 and its port).")
        }
        guard let identity = identity(request)?.identity else {
            return Self.problem(
                .forbidden, "Open the link that scoping serve printed",
                "This page needs the token from the URL that `scoping serve` printed when it started"
                    + (team == nil ? "." : " for you (each reviewer has their own)."))
        }
        if let reviewer = identity.only, let owner = Self.pageOwner(request.uri.path), owner != reviewer {
            return Self.problem(
                .forbidden, "Not your page",
                "Your token is \(reviewer)'s: in team mode you act only as yourself. "
                    + "These pages are \(owner)'s; \(owner) opens them with their own token.",
                link: ("/", "Back to the dashboard, where your own pages are"))
        }
        if request.method != .get, request.method != .head {
            guard request.method == .post else {
                return Self.problem(.methodNotAllowed, "Not allowed", "Only GET and POST are served.")
            }
        }
        return nil
    }

    /// The reviewer a page acts as (`/screen/<reviewer>/…`, `/reconcile/<reviewer>`, `/chart/<reviewer>…`), or nil.
    static func pageOwner(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, ["screen", "reconcile", "chart"].contains(parts[0]) else { return nil }
        return String(parts[1]).removingPercentEncoding ?? String(parts[1])
    }

    func fileExists(_ relative: String) -> Bool {
        var directory: ObjCBool = false
        let exists = FileManager.default.fileExists(
            atPath: folder.root.appending(path: relative).path, isDirectory: &directory)
        return exists && !directory.boolValue
    }

    // MARK: - Responses

    static func respond(_ text: String, type: String = "text/html; charset=utf-8", status: HTTPResponse.Status = .ok)
        -> Response
    {
        respond(Data(text.utf8), type: type, status: status)
    }

    static func respond(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = SecurityHeaders.contentSecurityPolicy
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func problem(
        _ status: HTTPResponse.Status, _ title: String, _ message: String, link: (path: String, label: String)? = nil
    ) -> Response {
        respond(PageLayout.problem(title: title, message: message, link: link), status: status)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ProtocolLoadError: error.description
        case let error as WorkspaceError: error.description
        default: ScreeningDesk.describe(error)
        }
    }
}

/// The Host header values the server answers to.
final class HostList: @unchecked Sendable {
    private let lock = NSLock()
    private var hosts: Set<String>

    init(_ hosts: Set<String>) { self.hosts = hosts }

    func set(_ new: Set<String>) { lock.withLock { hosts = new } }

    func contains(_ host: String) -> Bool { lock.withLock { hosts.contains(host.lowercased()) } }
}

/// Runs the checks of ``WebApp/refusal(_:)`` before every route, the CSRF check before every
/// POST, and swaps a token in the URL for the cookie (a redirect to the same path without it).
struct GuardMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let app: WebApp

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let refusal = app.refusal(request) { return refusal }
        if request.method == .post {
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            let fields = FormBody.parse(String(buffer: body))
            guard WebSecrets.same(fields["csrf"], app.secrets.csrf) else {
                return WebApp.problem(
                    .forbidden, "Refused", "This form is out of date or did not come from this server: reload the page."
                )
            }
            return try await next(request, context)
        }
        if let query = request.uri.queryParameters["token"], let (_, token) = app.identity(request),
            WebSecrets.same(String(query), token)
        {
            var response = Response(status: .seeOther)
            response.headers[.location] = request.uri.path.isEmpty ? "/" : request.uri.path
            response.headers[.cacheControl] = "no-store"
            response.headers[.init("Referrer-Policy")!] = "no-referrer"
            response.setCookie(
                Cookie(name: WebApp.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        return try await next(request, context)
    }
}
