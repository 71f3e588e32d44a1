public import Foundation
import Formats
public import Protocol
public import Synthesis

/// The files of `output/`: which ones the tool writes, which are there, and writing them.
///
/// `scoping report`, `matrix` and `run` (and any other front end) ask this, so which files
/// exist, which stale ones go, and how an unchanged file is left alone is decided once.
public enum ReviewOutputs {
    /// Every file the tool writes in `output/` for the protocol's language.
    public static let knownFiles = [
        "asreview.csv", "gap-map.csv", "gap-map.md", "gap-map.svg", "included.ris", "matrix.csv", "matrix.md",
        "prisma.csv", "prisma.svg", "report.md", "screening.csv",
        "gap-map.html", "report.html",  // the self-contained pages
    ]

    /// Every name the tool can write in `output/`, in any language's set.
    public static let allNames: Set<String> = Set(
        knownFiles
            + ReportLanguage.allCases.flatMap { lang in knownFiles.map { SynthesisOutputs.fileName($0, language: lang) }
            })

    /// The files of ours in `output`, sorted by name.
    public static func present(in output: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter(allNames.contains).sorted()
    }

    /// The languages of the other-language sets in `output` (any of their files is there).
    public static func languages(in output: URL) -> [ReportLanguage] {
        let names = Set(present(in: output))
        return ReportLanguage.allCases.filter { lang in
            SynthesisOutputs.languageDependent.contains {
                names.contains(SynthesisOutputs.fileName($0, language: lang))
            }
        }
    }

    /// Every output file by name: the synthesis outputs in the protocol's language
    /// (`primary`) and `included.ris`, plus the language-dependent files of each of
    /// `languages` other than the protocol's (`report.en.md`, …).
    public static func render(
        _ input: SynthesisInput, primary: ReportLanguage, languages: [ReportLanguage], delimiter: Character
    ) -> [String: String] {
        var files = SynthesisOutputs.render(input, language: nil, delimiter: delimiter)
        files["included.ris"] = RISWriter.write(input.included.map(\.record))
        for language in Set(languages).subtracting([primary]).sorted(by: { $0.rawValue < $1.rawValue }) {
            files.merge(SynthesisOutputs.render(input, language: language, delimiter: delimiter)) { a, _ in a }
        }
        return files
    }

    /// One file of `output/` as ``write(_:to:folder:primary:languages:only:)`` left it.
    public struct Written: Equatable, Sendable {
        public var name: String
        /// False: the file already had these bytes.
        public var written: Bool
        public var sha256: String

        public init(name: String, written: Bool, sha256: String) {
            self.name = name
            self.written = written
            self.sha256 = sha256
        }
    }

    /// Writes `files` (or only those named in `only`) into `output/`, rewriting only files
    /// whose bytes changed, and removes files no longer produced: gap-map files when the
    /// protocol has no matrix any more, `report.<lang>.md` sets of the protocol's own language,
    /// and in a set being written the files its language no longer has.
    ///
    /// - Parameter languages: the languages rendered besides `primary`.
    /// - Returns: per file name, whether it was written and its SHA-256.
    /// - Throws: ``WorkspaceError/cannotWrite(_:_:)`` naming the file that could not be written.
    public static func write(
        _ files: [String: String], folder: ReviewFolder, primary: ReportLanguage, languages: [ReportLanguage],
        only: ((String) -> Bool)? = nil
    ) throws(WorkspaceError) -> [Written] {
        var result: [Written] = []
        // The file being written, as the error names it.
        var current = folder.relativePath(folder.output) + "/"
        do {
            try FileManager.default.createDirectory(at: folder.output, withIntermediateDirectories: true)
            for name in files.keys.sorted() where only?(name) ?? true {
                let url = folder.output.appending(path: name)
                current = folder.relativePath(url)
                let data = Data(files[name, default: ""].utf8)
                let sha256 = FileDigest.sha256(data)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                    throw WorkspaceError.cannotWrite(current, "a folder of that name is in the way")
                }
                if FileManager.default.contents(atPath: url.path) == data {
                    result.append(Written(name: name, written: false, sha256: sha256))
                    continue
                }
                try data.write(to: url, options: .atomic)
                result.append(Written(name: name, written: true, sha256: sha256))
            }
            let rendered = Set(languages + [primary])
            let removable =
                knownFiles
                + ReportLanguage.allCases.flatMap { lang in
                    (rendered.contains(lang) ? knownFiles : []).map { SynthesisOutputs.fileName($0, language: lang) }
                }
            for name in Set(removable).sorted() where files[name] == nil && (only?(name) ?? true) {
                let url = folder.output.appending(path: name)
                current = folder.relativePath(url)
                if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            }
        } catch {
            throw WorkspaceError.writing(current, error)
        }
        return result
    }

    /// One line on what a write did: `output/: 11 files, all unchanged` or the files written.
    public static func summary(_ written: [Written]) -> String {
        let changed = written.filter(\.written).map(\.name)
        if changed.isEmpty { return "output/: \(written.count) files, all unchanged" }
        return "output/: wrote \(changed.joined(separator: ", "))"
            + (written.count > changed.count ? " (\(written.count - changed.count) unchanged)" : "")
    }

    /// The PRISMA flow's problems as messages (errors, and stages not finished), and whether
    /// one is an error (the flow does not add up).
    public static func problems(_ input: SynthesisInput) -> (messages: [RunStamp.Message], isError: Bool) {
        let counts = PrismaCounts.make(from: input)
        let messages = counts.problems.map { problem -> RunStamp.Message in
            let text = problem.description
            if text.hasPrefix("error: ") { return .init(kind: .error, text: String(text.dropFirst(7))) }
            if text.hasPrefix("warning: ") { return .init(kind: .warning, text: String(text.dropFirst(9))) }
            if text.hasPrefix("note: ") { return .init(kind: .note, text: text) }
            return problem.isError ? .init(kind: .error, text: text) : .init(kind: .note, text: "note: " + text)
        }
        return (messages, !counts.isConsistent)
    }
}
