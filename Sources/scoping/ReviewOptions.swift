import ArgumentParser
import Foundation
import Workspace

/// Options every command that works on a review folder shares.
struct ReviewOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The review folder (default: the one containing the current directory).", valueName: "dir"))
    var review: String?

    /// The review folder named by `--review`, or found from the current directory upwards.
    func folder() throws -> ReviewFolder {
        if let review {
            let url = URL(fileURLWithPath: review, isDirectory: true)
            guard FileManager.default.fileExists(atPath: url.path) else { throw WorkspaceError.notAReview(review) }
            return ReviewFolder(root: url)
        }
        return try ReviewFolder.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
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

/// Reports an error the way every command does, and returns the exit code it means.
func report(_ error: any Error) -> ExitCode {
    switch error {
    case let error as any FormatErrorConvertible:
        Console.error(error.formatDescription)
        return Exit.dataError
    case let error as WorkspaceError:
        Console.error(error.description)
        switch error {
        case .missingFile: return Exit.noInput
        case .index: return Exit.cannotWrite
        default: return Exit.problems
        }
    default:
        Console.error(String(describing: error))
        return Exit.problems
    }
}
