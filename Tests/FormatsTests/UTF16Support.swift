import Bibliography
import Foundation

@testable import Formats

/// UTF-16 versions of UTF-8 exports, made in the test, and reading them through ``Exports``.
enum UTF16Files {
    /// `utf8` as UTF-16 code units (a UTF-8 BOM dropped), as bytes in the given order, with a BOM or not.
    static func encode(_ utf8: [UInt8], bigEndian: Bool, bom: Bool = true) -> [UInt8] {
        var utf8 = utf8[...]
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
        return bytes(Array(String(decoding: utf8, as: UTF8.self).utf16), bigEndian: bigEndian, bom: bom)
    }

    /// Code units as bytes (unpaired surrogates stay as they are).
    static func bytes(_ units: [UInt16], bigEndian: Bool, bom: Bool = true) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        out.reserveCapacity(out.count + 2 * units.count)
        for u in units {
            let (hi, lo) = (UInt8(u >> 8), UInt8(u & 0xFF))
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }

    /// What reading a file found: records with their lines, warnings, the format, or the error.
    struct Read {
        var records: [Record] = []
        var lines: [Int] = []
        var warnings: [String] = []
        var format: ExportFormat?
        var error: FormatError?
    }

    /// Writes `bytes` to a temporary file and reads it with ``Exports`` in chunks of `chunkSize`,
    /// messages naming the file `x`.
    static func read(_ bytes: [UInt8], chunkSize: Int = 1 << 16, acceptTruncated: Bool = false) throws -> Read {
        let url = FileManager.default.temporaryDirectory.appending(path: "scoping-utf16-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var out = Read()
        do {
            let summary = try Exports.read(
                path: url.path, label: "x", format: nil, acceptTruncated: acceptTruncated, chunkSize: chunkSize
            ) { event in
                switch event {
                case .record(let r, let line):
                    out.records.append(r)
                    out.lines.append(line)
                case .warning(let w): out.warnings.append(w.description)
                case .delete: break
                }
            }
            out.format = summary.format
        } catch var error as FormatError {
            error.file = "x"  // as the public `read` does
            out.error = error
        }
        return out
    }

    /// `bytes` as a gzip file of stored deflate blocks (zlib checks its CRC-32 and length).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var offset = 0
        repeat {
            let n = min(60_000, bytes.count - offset)
            let last: UInt8 = offset + n == bytes.count ? 1 : 0
            out += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += bytes[offset..<offset + n]
            offset += n
        } while offset < bytes.count
        let crc = crc32(bytes)
        let size = UInt32(truncatingIfNeeded: bytes.count)
        for v in [crc, size] { out += (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// The demo review's `corpus/` folder.
    static let demoCorpus = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "corpus").path

    /// Every export the tests have in UTF-8, by name: the text formats' fixtures (strings in
    /// the tests and files in `Fixtures/`), the demo corpus, and the XML ones.
    static let samples: [String: [UInt8]] = {
        var samples: [String: [UInt8]] = [
            "wos": Array(NewReadersTests.wos.utf8),
            "ovid": Array(NewReadersTests.ovid.utf8),
            "bibtex": Array(NewReadersTests.bibtex.utf8),
            "refer": Array(TaggedAndListReadersTests.refer.utf8),
            "refworks": Array(TaggedAndListReadersTests.refWorks.utf8),
            "csl-json": Array(CSLJSONReaderTests.json.utf8),
            "ctgov-csv": Array(TrialRegisterReadersTests.csv.utf8),
            "ctgov-classic-csv": Array(TrialRegisterReadersTests.classicCSV.utf8),
            "ctgov-json": Array(TrialRegisterReadersTests.page.utf8),
            "identifiers": Array("31452104\n10.1016/j.jbi.2019.103309\n29283498\n".utf8),
            "tsv": Array(
                "Title\tAuthors\tPublication Year\tDOI\r\nGroup consultations in général practice\tSmith, J; Ng, Ø\t2021\t10.1/a\r\nA 𝛼 study 😀\tde Vries, A\t2020\t\r\n"
                    .utf8),
            "mods": Array(MODSReaderTests.mods.utf8),
            "endnote-xml": Array(EndNoteXMLReaderTests.endNoteStyled.utf8),
            "ictrp": Array(TrialRegisterReadersTests.ictrp.utf8),
        ]
        let files = [
            (fixturesFolder, "medline-databank.nbib"), (fixturesFolder, "medline-quirks.nbib"),
            (fixturesFolder, "registry-ctgov.csv"), (fixturesFolder, "registry-ctgov-classic.csv"),
            (fixturesFolder, "registry-ctgov.json"), (fixturesFolder, "registry-ictrp.xml"),
            (fixturesFolder, "pubmed-databank.xml"), (fixturesFolder, "pubmed-quirks.xml"),
            (fixturesFolder, "pubmed-book.xml"),
            (demoCorpus, "citation-searching-demo.ris"), (demoCorpus, "embase-demo.ris"),
            (demoCorpus, "clinicaltrials-demo.csv"), (demoCorpus, "pubmed-demo.xml"), (demoCorpus, "cinahl-demo.xml"),
        ]
        for (folder, name) in files {
            samples[name] = (try? Array(Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))) ?? []
        }
        return samples
    }()
}
