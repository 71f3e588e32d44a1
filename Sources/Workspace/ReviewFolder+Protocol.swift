import Foundation
public import Protocol

/// The review's protocol as the folder holds it, with its SHA-256.
public struct LoadedProtocol: Sendable {
    public var reviewProtocol: ReviewProtocol
    /// SHA-256 of the protocol file's bytes: stored with every result and decision made under it.
    public var sha256: String
    /// Warnings found while reading it (errors make loading fail).
    public var warnings: [ProtocolDiagnostic]
}

extension ReviewFolder {
    /// The protocol file's path as diagnostics show it.
    public static let protocolPath = ReviewProtocol.defaultPath

    /// True when the folder has a protocol file.
    public var hasProtocol: Bool { FileManager.default.fileExists(atPath: protocolFile.path) }

    /// Every diagnostic for the protocol file, with source files checked against the folder.
    public func checkProtocol() throws -> [ProtocolDiagnostic] {
        ReviewProtocol.check(yaml: try protocolText(), file: Self.protocolPath, fileExists: fileExists)
    }

    /// Reads and validates the protocol.
    /// - Throws: ``ProtocolLoadError`` with every diagnostic when it has errors;
    ///   ``WorkspaceError/missingFile(_:)`` when there is no protocol file.
    public func loadProtocol() throws -> LoadedProtocol {
        let text = try protocolText()
        let result = ReviewProtocol.load(yaml: text, file: Self.protocolPath, fileExists: fileExists)
        guard let loaded = result.reviewProtocol else { throw ProtocolLoadError(diagnostics: result.diagnostics) }
        return LoadedProtocol(
            reviewProtocol: loaded, sha256: FileDigest.sha256(Data(text.utf8)), warnings: result.diagnostics)
    }

    /// The protocol file's text.
    public func protocolText() throws -> String {
        guard let data = FileManager.default.contents(atPath: protocolFile.path) else {
            throw WorkspaceError.missingFile(Self.protocolPath)
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func fileExists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appending(path: relative).path)
    }
}
