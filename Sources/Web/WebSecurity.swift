import Foundation

/// The secrets and checks of `scoping serve`'s security model (docs/serve.md).
///
/// - The token, printed in the first URL, then kept in an `HttpOnly`, `SameSite=Strict`
///   cookie: every request needs one or the other.
/// - The Host header must be one of ``allowedHosts`` (the loopback address and the port), so a
///   page of another site that rebinds its DNS name to 127.0.0.1 gets nothing.
/// - Every state-changing request is a POST that carries the CSRF token (a form field).
public struct WebSecrets: Sendable {
    /// The access token (in the printed URL and the cookie).
    public var token: String
    /// The token every POST must carry.
    public var csrf: String

    public init(token: String, csrf: String) {
        self.token = token
        self.csrf = csrf
    }

    /// Two new random tokens of 32 bytes each, in hex.
    public static func random() -> WebSecrets {
        WebSecrets(token: randomHex(32), csrf: randomHex(32))
    }

    /// `bytes` random bytes in hex.
    public static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares in time that does not depend on where the texts differ.
    static func same(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// The response headers every answer of the server carries.
enum SecurityHeaders {
    /// No inline script or style, nothing from elsewhere; forms post here only; no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// For the self-contained output pages (their script and styles are inline): sandboxed, so
    /// they run in an origin of their own, without the cookie and unable to post here.
    static let outputPolicy =
        "sandbox allow-scripts allow-popups; default-src 'none'; script-src 'unsafe-inline'; "
        + "style-src 'unsafe-inline'; img-src data:"

    /// For a PDF shown by the browser's viewer, in a tab or framed by a page of this server
    /// (not sandboxed: browsers refuse to show a PDF in a sandboxed document).
    static let fullTextPolicy = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
}

/// `application/x-www-form-urlencoded` bodies.
enum FormBody {
    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
