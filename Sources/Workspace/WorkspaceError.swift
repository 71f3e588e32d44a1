import Foundation
import GRDB

/// Errors of the review folder and its index, each saying what happened and what to do.
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The index could not be opened, migrated or written.
    case index(String, String)
    /// The index (or `.scoping/`) cannot be written: readers still work, writers cannot.
    case readOnlyIndex(String)
    /// No review folder was found from the given directory upwards.
    case notAReview(String)
    /// A file named on the command line does not exist.
    case missingFile(String)
    /// A file exists but cannot be read (permission denied, a folder …): the reason.
    case unreadable(String, String)
    /// A file or folder could not be written: the path and the reason.
    case cannotWrite(String, String)
    /// A record key that is not in the index.
    case unknownKey(String)
    /// A folder to create already holds a review.
    case alreadyAReview(String)
    /// An export with no record in it (empty, or a failed download): refused.
    case noRecords(String)
    /// Another process is writing to the review (`run`, `ingest`, `dedup`, `criteria`, `report`): who.
    case busy(String)
    /// A file imported from outside `corpus/` that a rebuild must read again is gone.
    case importGone(String)
    /// A line of a human log (`dedup/decisions.tsv`) that is not an entry: file, line, what is wrong.
    case malformedLogLine(String, Int, String)
    /// `ingest --copy`: `corpus/` already has another file of that name.
    case copyConflict(source: String, destination: String)
    /// The protocol's `previous_version` list of included studies (a file, or a git revision's
    /// `output/included.ris`) cannot be read: which, and why.
    case previousVersion(String, String)

    public var description: String {
        switch self {
        case .index(let path, let detail):
            "\(path): the index could not be used: \(detail); it is derived data: delete .scoping/ and run `scoping run` again"
        case .readOnlyIndex(let path):
            "\(path): the index cannot be written (read-only); commands that only read (records, show, status, "
                + "conflicts, export) still work; to change the review, make .scoping/ writable for you, or work on a copy"
        case .notAReview(let dir):
            "\(dir): not inside a review folder (no protocol/protocol.yaml or corpus/ found here or above); run `scoping init` to make one, or pass --review DIR"
        case .missingFile(let path):
            "\(path): no such file"
        case .unreadable(let path, let reason):
            "\(path): cannot be read: \(reason); make it readable for you (chmod, chown) and run again"
        case .cannotWrite(let path, let reason):
            "\(path): cannot be written: \(reason); make it (or its folder) writable for you and run again"
        case .unknownKey(let key):
            "no record with key '\(key)'; `scoping records QUERY` finds keys"
        case .alreadyAReview(let dir):
            "\(dir): already holds a review (protocol/protocol.yaml exists); nothing was changed"
        case .noRecords(let path):
            "\(path): no records in this file (an empty or failed export?); nothing of it was imported. "
                + "Export the search again, or move the file out of corpus/"
        case .busy(let holder):
            "another scoping command is writing to this review (\(holder)); wait until it ends, then run again"
        case .importGone(let path):
            "\(path): imported from outside corpus/, and gone; the index was not rebuilt. Put the file back, "
                + "or forget its records with `scoping ingest --forget \(path)`"
        case .malformedLogLine(let file, let line, let message):
            "\(file):\(line): error: \(message); fix or remove this line by hand (the log is human work, append-only); nothing was deduplicated"
        case .copyConflict(let source, let destination):
            "\(destination): corpus/ already has another file of this name; nothing was copied from \(source). "
                + "Rename one of them and run again"
        case .previousVersion(let what, let reason):
            "\(what): the previous version's included studies cannot be read: \(reason); fix previous_version in "
                + "protocol/protocol.yaml (a file of the review folder, or a git tag or commit of the review whose "
                + "output/included.ris lists them)"
        }
    }

    /// The reason a file system call failed, in the user's terms (`permission denied`).
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))).lowercased() }
        switch ns.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
        case NSFileWriteVolumeReadOnlyError: return "read-only file system"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
        case NSFileWriteUnknownError: return "the file system refused the write (a folder of that name in the way?)"
        default: return ns.localizedDescription
        }
    }

    /// An error of the index (SQLite) in the user's terms: a read-only file is
    /// ``readOnlyIndex(_:)``, anything else ``index(_:_:)``; other errors pass unchanged.
    public static func translating(_ error: any Error, index path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        let folderWritable = FileManager.default.isWritableFile(atPath: (path as NSString).deletingLastPathComponent)
        switch error.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return WorkspaceError.readOnlyIndex(path)
        case .SQLITE_CANTOPEN where !folderWritable:
            return WorkspaceError.readOnlyIndex(path)
        default:
            return WorkspaceError.index(path, error.message ?? error.description)
        }
    }

    /// Any error as the CLI should show it: errors of the index (SQLite) become
    /// ``WorkspaceError``s, Foundation's file errors name the file and the reason.
    public static func translating(_ error: any Error) -> any Error {
        if error is DatabaseError { return translating(error, index: ".scoping/index.sqlite") }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain,
            let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return WorkspaceError.missingFile(path)
            case NSFileReadNoPermissionError, NSFileReadUnknownError, NSFileReadCorruptFileError:
                return WorkspaceError.unreadable(path, reason(error))
            case NSFileWriteNoPermissionError, NSFileWriteVolumeReadOnlyError, NSFileWriteOutOfSpaceError,
                NSFileWriteUnknownError,
                NSFileWriteFileExistsError, NSFileWriteInvalidFileNameError:
                return WorkspaceError.cannotWrite(path, reason(error))
            default: break
            }
        }
        return error
    }

    /// A file system error on `path` as a ``cannotWrite(_:_:)``.
    public static func writing(_ path: String, _ error: any Error) -> WorkspaceError {
        if let error = error as? WorkspaceError { return error }
        return .cannotWrite(path, reason(error))
    }

    /// Throws ``missingFile(_:)`` when `path` does not exist, ``unreadable(_:_:)`` when it
    /// exists but cannot be opened for reading (`name` is how messages show it).
    public static func checkReadable(_ path: String, name: String? = nil) throws(WorkspaceError) {
        let name = name ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missingFile(name) }
        if isDirectory.boolValue { throw .unreadable(name, "it is a folder, not a file") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(name, String(cString: strerror(errno)).lowercased()) }
        close(fd)
    }
}
