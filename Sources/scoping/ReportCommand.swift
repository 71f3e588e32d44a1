public import ArgumentParser
import Bibliography
import Charting
import Foundation
import Formats
import Protocol
import Screening
import Synthesis
import Workspace

extension Scoping {
    /// `scoping report [--lang en|nl] [--docx]`: regenerates everything in output/.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the report, flow diagram, matrix and exports to output/.",
            discussion: """
                Regenerates output/ from the index and the logs: report.md (in the protocol's \
                report_language unless --lang says otherwise), prisma.svg and prisma.csv, \
                matrix.csv/.md, gap-map.csv/.md/.svg, screening.csv, asreview.csv and \
                included.ris. The same inputs give byte-identical files; unchanged files are not \
                rewritten. Prints what does not add up in the PRISMA flow. With --docx, also \
                converts report.md to report.docx with pandoc (https://pandoc.org), when installed.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(name: .customLong("lang"), help: "The report's language: en or nl (default: the protocol's report_language).")
        var language: ReportLanguage?

        @Option(help: ArgumentHelp("The delimiter of matrix.csv and gap-map.csv: ',' or ';' (for a spreadsheet set to Dutch).", valueName: "char"))
        var delimiter: String = ","

        @Flag(help: "Also convert report.md to report.docx with pandoc.")
        var docx = false

        func validate() throws {
            if delimiter != "," && delimiter != ";" { throw ValidationError("--delimiter must be ',' or ';'") }
        }

        func run() throws {
            let context = try ReviewContext.open(options)
            let written = try context.writeOutputs(language: language, delimiter: Character(delimiter))
            Console.err(OutputText.summary(written))
            let problems = context.printProblems()
            if docx { try Pandoc.convert(folder: context.folder) }
            if problems { throw Exit.problems }
        }
    }
}

/// The review folder, its index, protocol and snapshot, opened once per command.
final class ReviewContext {
    let folder: ReviewFolder
    let index: ReviewIndex
    let loaded: LoadedProtocol
    let snapshot: ReviewSnapshot
    /// The input of every output file, built once.
    lazy var input: SynthesisInput = snapshot.synthesisInput(tool: ReviewContext.tool)

    /// Opens the folder named by `options`; reports an error and throws its exit code.
    static func open(_ options: ReviewOptions, warn: Bool = true) throws -> ReviewContext {
        do {
            let folder = try options.folder()
            let loaded = try folder.loadProtocol()
            let index = try folder.openIndex()
            return try ReviewContext(folder: folder, index: index, loaded: loaded, warn: warn)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw reportReviewError(error)
        }
    }

    init(folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol, warn: Bool = true) throws {
        self.folder = folder
        self.index = index
        self.loaded = loaded
        do {
            snapshot = try folder.snapshot(index: index, loaded: loaded)
        } catch {
            throw reportReviewError(error)
        }
        if warn { for w in snapshot.warnings { Console.warning(w) } }
    }

    /// The tool and version named in the report's methods.
    static var tool: String { "scoping " + (Scoping.configuration.version.isEmpty ? "dev" : Scoping.configuration.version) }

    /// Every output file by name: the synthesis outputs and `included.ris`.
    func outputs(language: ReportLanguage?, delimiter: Character) -> [String: String] {
        var files = SynthesisOutputs.render(input, language: language, delimiter: delimiter)
        files["included.ris"] = RISWriter.write(input.included.map(\.record))
        return files
    }

    /// Writes the outputs (or only those named in `only`) into output/, rewriting only files
    /// whose bytes changed; removes gap-map files when the protocol has no matrix any more.
    ///
    /// - Returns: per file name, whether it was written (false: unchanged).
    @discardableResult
    func writeOutputs(language: ReportLanguage?, delimiter: Character = ",", only: ((String) -> Bool)? = nil) throws -> [(name: String, written: Bool)] {
        let files = outputs(language: language, delimiter: delimiter)
        var result: [(name: String, written: Bool)] = []
        do {
            try FileManager.default.createDirectory(at: folder.output, withIntermediateDirectories: true)
            for name in files.keys.sorted() where only?(name) ?? true {
                let url = folder.output.appending(path: name)
                let data = Data(files[name, default: ""].utf8)
                if FileManager.default.contents(atPath: url.path) == data {
                    result.append((name, false))
                    continue
                }
                try data.write(to: url, options: .atomic)
                result.append((name, true))
            }
            // Outputs no longer produced (a protocol without a matrix has no gap map).
            for name in OutputText.knownFiles where files[name] == nil && (only?(name) ?? true) {
                let url = folder.output.appending(path: name)
                if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            }
        } catch {
            Console.error("cannot write \(folder.relativePath(folder.output))/: \(error.localizedDescription)")
            throw Exit.cannotWrite
        }
        return result
    }

    /// Prints the PRISMA problems (errors and incomplete stages); true when one is an error.
    @discardableResult
    func printProblems() -> Bool {
        let counts = PrismaCounts.make(from: input)
        for problem in counts.problems {
            let text = problem.description
            if text.hasPrefix("error: ") {
                Console.error(String(text.dropFirst(7)))
            } else if text.hasPrefix("warning: ") {
                Console.warning(String(text.dropFirst(9)))
            } else if text.hasPrefix("note: ") {
                Console.err(text)
            } else {
                problem.isError ? Console.error(text) : Console.err("note: " + text)
            }
        }
        return !counts.isConsistent
    }
}

/// Reports an error of reading the review (protocol, logs, index); returns the exit code.
func reportReviewError(_ error: any Error) -> ExitCode {
    switch error {
    case let error as ProtocolLoadError:
        Console.err(error.description)
        return Exit.dataError
    case let error as ScreeningError:
        Console.error(error.localizedDescription)
        return Exit.dataError
    case let error as ChartingError:
        Console.error(error.description)
        return Exit.dataError
    default:
        return report(error)
    }
}

/// Texts about output/.
enum OutputText {
    /// Every file `scoping report` can write in output/.
    static let knownFiles = [
        "asreview.csv", "gap-map.csv", "gap-map.md", "gap-map.svg", "included.ris", "matrix.csv", "matrix.md",
        "prisma.csv", "prisma.svg", "report.md", "screening.csv",
    ]

    static func summary(_ written: [(name: String, written: Bool)]) -> String {
        let changed = written.filter(\.written).map(\.name)
        if changed.isEmpty { return "output/: \(written.count) files, all unchanged" }
        return "output/: wrote \(changed.joined(separator: ", "))"
            + (written.count > changed.count ? " (\(written.count - changed.count) unchanged)" : "")
    }
}

/// `--docx`: pandoc, when it is on the PATH.
enum Pandoc {
    /// EX_UNAVAILABLE (sysexits.h): a service the command needs is not there.
    static let unavailable = ExitCode(69)

    /// The pandoc executable on the PATH, if any.
    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/pandoc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let installHint = """
        pandoc is not installed (or not on the PATH), so report.docx was not written; output/report.md is up to date.
        Install pandoc and run `scoping report --docx` again:
          Debian/Ubuntu:  sudo apt-get install pandoc
          macOS:          brew install pandoc
          Windows:        winget install --id JohnMacFarlane.Pandoc
          or:             https://pandoc.org/installing.html
        """

    /// Converts output/report.md to output/report.docx.
    static func convert(folder: ReviewFolder) throws {
        guard let pandoc = find() else {
            Console.error(installHint)
            throw unavailable
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pandoc)
        process.currentDirectoryURL = folder.output
        process.arguments = ["report.md", "--from", "markdown", "--to", "docx", "--output", "report.docx"]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            Console.error("cannot run \(pandoc): \(error.localizedDescription)")
            throw unavailable
        }
        guard process.terminationStatus == 0 else {
            Console.error("pandoc failed (exit \(process.terminationStatus)) converting output/report.md")
            throw Exit.problems
        }
        Console.err("wrote output/report.docx with \(pandoc)")
    }
}

extension ReportLanguage: ExpressibleByArgument {}
