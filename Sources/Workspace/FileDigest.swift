import Crypto
public import Foundation

/// SHA-256 of files and bytes, as lower-case hex.
public enum FileDigest {
    /// The SHA-256 of the file's bytes (as stored: a `.gz` file's compressed bytes).
    /// - Throws: ``WorkspaceError/missingFile(_:)`` when there is no such file,
    ///   ``WorkspaceError/unreadable(_:_:)`` when it cannot be read.
    /// - Complexity: O(file size), constant memory.
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try WorkspaceError.checkReadable(path)
            throw WorkspaceError.unreadable(path, "cannot open it")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// The SHA-256 of `bytes`.
    public static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
