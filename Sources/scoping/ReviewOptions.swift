import ArgumentParser
import Charting
import Foundation
import Protocol
import Screening
import Workspace

/// Options every command that works on a review folder shares.
struct ReviewOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The review folder (default: the one containing the current directory).", valueName: "dir"))
    var review: String?

    /// The review folder named by `--review`, or found from the current directory upwards.
    func folder() throws -> ReviewFolder {
        if let review {
            let url = URL(fileURLWithPath: review, isDirectory: true)
            guard FileManager.default.fileExists(atPath: url.path) else { throw WorkspaceError.notAReview(review) }
            return ReviewFolder(root: url)
        }
        return try ReviewFolder.find(
            from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    /// The review folder and its index (created when missing); a failure is reported on
    /// stderr and thrown as its exit code.
    func folderAndIndex() throws -> (ReviewFolder, ReviewIndex) {
        do {
            let folder = try folder()
            return (folder, try folder.openIndex())
        } catch {
            throw report(error)
        }
    }

    /// The review folder, its writer lock taken for `command` (a second writer exits 75), and
    /// its index.
    func folderAndIndex(writing command: String) throws -> (ReviewFolder, ReviewIndex, ReviewLock) {
        let folder: ReviewFolder
        do {
            folder = try self.folder()
        } catch {
            throw report(error)
        }
        let lock = try writerLock(folder, command: command)
        do {
            return (folder, try folder.openIndex(), lock)
        } catch {
            throw report(error)
        }
    }
}

/// Exit codes, following sysexits(3) where one fits, so scripts can tell failures apart.
enum Exit {
    /// Everything worked.
    static let ok = ExitCode.success
    /// The command ran and found problems (a check failed, some files were skipped).
    static let problems = ExitCode(1)
    /// The command line was wrong (ArgumentParser uses 64 too).
    static let usage = ExitCode(64)
    /// Input data was malformed (an export, a protocol, a log).
    static let dataError = ExitCode(65)
    /// An input file does not exist or cannot be read.
    static let noInput = ExitCode(66)
    /// The index or an output file could not be written.
    static let cannotWrite = ExitCode(73)
    /// Another process holds a lock (a reviewer's log): try again later.
    static let busy = ExitCode(75)
}

/// The one table from errors to exit codes: every command reports an error through here, so
/// each prints once, with one `error:` prefix, and the same error always exits the same way.
///
/// | error | exit |
/// | --- | --- |
/// | a malformed export, protocol, log line or sheet | 65 (`dataError`) |
/// | an input missing or unreadable, an import gone | 66 (`noInput`) |
/// | the index or an output that cannot be written | 73 (`cannotWrite`) |
/// | a lock held by another process | 75 (`busy`) |
/// | anything else (not a review folder, an unknown key …) | 1 (`problems`) |
///
/// - Returns: the exit code; an ``ExitCode`` (already reported) is passed through.
func report(_ error: any Error) -> ExitCode {
    if let code = error as? ExitCode { return code }
    let error = WorkspaceError.translating(error)
    switch error {
    case let error as any FormatErrorConvertible:
        Console.error(error.formatDescription)
        return Exit.dataError
    case let error as ProtocolLoadError:
        Console.err(error.description)
        return Exit.dataError
    case let error as WorkspaceError:
        Console.error(error.description)
        switch error {
        case .missingFile, .unreadable, .importGone, .previousVersion: return Exit.noInput
        case .index, .readOnlyIndex, .cannotWrite, .copyConflict: return Exit.cannotWrite
        case .busy: return Exit.busy
        case .noRecords, .malformedLogLine: return Exit.dataError
        case .notAReview, .unknownKey, .alreadyAReview: return Exit.problems
        }
    case let error as ScreeningError:
        Console.error(error.localizedDescription)
        switch error {
        case .logLocked: return Exit.busy
        case .io: return Exit.cannotWrite
        case .invalidReviewer: return Exit.usage
        case .invalidLogLine, .wrongReviewer, .csvImport: return Exit.dataError
        }
    case let error as ChartingError:
        Console.error(error.description)
        switch error {
        case .locked: return Exit.busy
        case .io: return Exit.cannotWrite
        case .malformedLine: return Exit.dataError
        }
    default:
        Console.error(String(describing: error))
        return Exit.problems
    }
}

/// Takes the review's writer lock for `command` (`run`, `ingest` …) until the returned value
/// is released; a second writer exits 75 naming the holder.
func writerLock(_ folder: ReviewFolder, command: String) throws -> ReviewLock {
    do {
        let started = ISO8601DateFormatter().string(from: Date())
        return try ReviewLock(folder: folder, command: "scoping " + command, started: started)
    } catch {
        throw report(error)
    }
}
