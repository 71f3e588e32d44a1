import Crypto
public import Foundation

/// The reviewers' tokens of team mode (`scoping serve --team`), stored only as SHA-256 hashes
/// in `.scoping/serve-tokens.json`: each reviewer of the protocol gets a token of their own,
/// printed once when it is issued, never stored in clear. A token names its reviewer; the
/// server lets that reviewer act only as themselves (``WebApp``).
public struct TeamTokens: Sendable, Equatable {
    /// One reviewer's token, as stored.
    public struct Entry: Codable, Sendable, Equatable {
        /// SHA-256 of the token, in hex.
        public var sha256: String
        /// When it was issued (ISO 8601, UTC).
        public var issued: String
    }

    /// The hashes, by reviewer.
    public private(set) var reviewers: [String: Entry]

    public init(reviewers: [String: Entry] = [:]) { self.reviewers = reviewers }

    /// The file under `.scoping/`.
    public static let fileName = "serve-tokens.json"

    /// SHA-256 of `token` (its UTF-8 bytes) in lower-case hex.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The reviewer whose token this is, or nil. Compares hashes, in time that does not depend
    /// on where they differ.
    public func reviewer(for token: String?) -> String? {
        guard let token, !token.isEmpty else { return nil }
        let hashed = Self.hash(token)
        var found: String?
        for (reviewer, entry) in reviewers.sorted(by: { $0.key < $1.key })
        where WebSecrets.same(hashed, entry.sha256) {
            found = reviewer
        }
        return found
    }

    /// Issues a new token for every reviewer in `reviewers` who has none (or for all of them
    /// with `renew`), drops reviewers no longer in the list, and returns the new tokens in the
    /// order given: the only time they exist in clear.
    public mutating func issue(
        for reviewers: [String], renew: Bool, now: Date = Date(), random: () -> String = { WebSecrets.randomHex(32) }
    ) -> [(reviewer: String, token: String)] {
        let wanted = Set(reviewers)
        self.reviewers = self.reviewers.filter { wanted.contains($0.key) }
        var issued: [(reviewer: String, token: String)] = []
        for reviewer in reviewers where renew || self.reviewers[reviewer] == nil {
            let token = random()
            self.reviewers[reviewer] = Entry(sha256: Self.hash(token), issued: Self.timestamp(now))
            issued.append((reviewer, token))
        }
        return issued
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: - The file

    private struct File: Codable {
        var version: Int
        var reviewers: [String: Entry]
    }

    /// Reads `directory/serve-tokens.json`; none yet: no tokens.
    ///
    /// - Throws: ``TeamTokensError`` when the file cannot be read or is not a token file.
    public static func load(directory: URL) throws(TeamTokensError) -> TeamTokens {
        let url = directory.appending(path: fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return TeamTokens() }
        do {
            let data = try Data(contentsOf: url)
            let file = try JSONDecoder().decode(File.self, from: data)
            return TeamTokens(reviewers: file.reviewers)
        } catch {
            throw .unreadable(path: ".scoping/" + fileName, reason: String(describing: error))
        }
    }

    /// Writes `directory/serve-tokens.json` (readable by its owner only), creating the directory.
    public func save(directory: URL) throws(TeamTokensError) {
        let url = directory.appending(path: Self.fileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(File(version: 1, reviewers: reviewers))
            try data.write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            throw .unwritable(path: ".scoping/" + Self.fileName, reason: error.localizedDescription)
        }
    }
}

/// Why the team tokens cannot be read or kept.
public enum TeamTokensError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The token file exists but is not one (or cannot be read).
    case unreadable(path: String, reason: String)
    /// The token file cannot be written.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path) cannot be read (\(reason)); delete it and start again with --team to issue new tokens"
        case .unwritable(let path, let reason):
            "\(path) cannot be written (\(reason)); check the permissions of .scoping/"
        }
    }
}
