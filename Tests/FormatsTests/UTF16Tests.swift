import Bibliography
import Foundation
import Testing

@testable import Formats

/// UTF-16 exports (Web of Science's "Tab-delimited (Win)", Excel's "Unicode Text", EndNote's
/// UTF-16 text) read to the same records as their UTF-8 versions, through ``InputFile``.
@Suite struct UTF16Tests {
    static let names = UTF16Files.samples.keys.sorted()

    /// The UTF-8 version, read: it must give records for the comparison to mean anything.
    static func base(_ name: String) throws -> UTF16Files.Read {
        let bytes = try #require(UTF16Files.samples[name])
        let base = try UTF16Files.read(bytes)
        #expect(base.error == nil, "\(name): \(String(describing: base.error))")
        #expect(!base.records.isEmpty, "\(name)")
        return base
    }

    static func expectSame(_ read: UTF16Files.Read, _ base: UTF16Files.Read, _ what: String) {
        #expect(read.error == nil, "\(what): \(String(describing: read.error))")
        #expect(read.format == base.format, "\(what)")
        #expect(read.records == base.records, "\(what)")
        #expect(read.lines == base.lines, "\(what)")
        #expect(read.warnings == base.warnings, "\(what)")
    }

    @Test("UTF-16 LE and BE with a BOM, and gzip'd, read as the UTF-8 file", arguments: names)
    func sameRecordsAsUTF8(name: String) throws {
        let base = try UTF16Tests.base(name)
        let utf8 = try #require(UTF16Files.samples[name])
        for bigEndian in [false, true] {
            let bytes = UTF16Files.encode(utf8, bigEndian: bigEndian)
            UTF16Tests.expectSame(try UTF16Files.read(bytes), base, "\(name) big-endian \(bigEndian)")
            let gzipped = try UTF16Files.read(UTF16Files.gzip(bytes))
            UTF16Tests.expectSame(gzipped, base, "\(name).gz big-endian \(bigEndian)")
        }
    }

    @Test("read in chunks of 1, 3 and 7 bytes: code units and surrogate pairs split anywhere", arguments: names)
    func chunkBoundaries(name: String) throws {
        let base = try UTF16Tests.base(name)
        let utf8 = try #require(UTF16Files.samples[name])
        // Byte by byte only for the smaller files (libxml2 and the readers take any split; this
        // is about the transcoder and InputFile, which the 3- and 7-byte reads cover too).
        let sizes = utf8.count < 20_000 ? [1, 3, 7] : [3, 7]
        for bigEndian in [false, true] {
            let bytes = UTF16Files.encode(utf8, bigEndian: bigEndian)
            for size in sizes {
                UTF16Tests.expectSame(
                    try UTF16Files.read(bytes, chunkSize: size), base, "\(name) big-endian \(bigEndian) chunk \(size)")
            }
        }
    }

    @Test func nonBMPCharactersRoundTrip() throws {
        let ris = "TY  - JOUR\nTI  - The 𝛼 coefficient of 😀 in 患者 care\nAU  - Ødegård, Åse\nPY  - 2024\nER  - \n"
        for bigEndian in [false, true] {
            for size in [1, 2, 3, 5, 1 << 16] {
                let bytes = UTF16Files.encode(Array(ris.utf8), bigEndian: bigEndian)
                let read = try UTF16Files.read(bytes, chunkSize: size)
                #expect(read.error == nil)
                #expect(read.records.map(\.title) == ["The 𝛼 coefficient of 😀 in 患者 care"])
                #expect(read.records.first?.authors.map(\.displayName) == ["Ødegård, Åse"])
            }
        }
    }

    @Test func unpairedSurrogatesBecomeReplacementCharactersWithAWarning() throws {
        let head = "TY  - JOUR\nTI  - First\nER  - \n\nTY  - JOUR\nTI  - Broken "
        var units = Array(head.utf16)
        units.append(0xD835)  // a high surrogate without its low half
        units += Array(" and ".utf16)
        units.append(0xDC00)  // a low surrogate alone
        units += Array("\nER  - \n".utf16)
        for bigEndian in [false, true] {
            let read = try UTF16Files.read(UTF16Files.bytes(units, bigEndian: bigEndian), chunkSize: 3)
            #expect(read.error == nil)
            #expect(read.records.map(\.title) == ["First", "Broken \u{FFFD} and \u{FFFD}"])
            #expect(
                read.warnings == [
                    "x:6: 2 UTF-16 surrogates without their other half (broken characters) read as U+FFFD (\u{FFFD}), the first on this line; check the text there"
                ])
        }
    }

    @Test func boMLessUTF16TabDelimitedTextIsDetected() throws {
        let utf8 = try #require(UTF16Files.samples["tsv"])
        let base = try UTF16Tests.base("tsv")
        #expect(base.format == .csv)
        #expect(base.records.map(\.title) == ["Group consultations in général practice", "A 𝛼 study 😀"])
        for bigEndian in [false, true] {
            let bytes = UTF16Files.encode(utf8, bigEndian: bigEndian, bom: false)
            #expect(ContentEncoding.sniff(bytes) == .utf16(bigEndian: bigEndian, byteOrderMark: false))
            UTF16Tests.expectSame(try UTF16Files.read(bytes), base, "BOM-less, big-endian \(bigEndian)")
        }
        // The demo RIS without a BOM too.
        let ris = try #require(UTF16Files.samples["citation-searching-demo.ris"])
        UTF16Tests.expectSame(
            try UTF16Files.read(UTF16Files.encode(ris, bigEndian: false, bom: false)),
            try UTF16Tests.base(
                "citation-searching-demo.ris"), "BOM-less RIS")
    }

    @Test func sniffingIsConservative() {
        #expect(ContentEncoding.sniff(Array("TY  - JOUR\nTI  - A title\n".utf8)) == .utf8)
        #expect(ContentEncoding.sniff([0x54, 0x49, 0xE9, 0x20, 0x41] + Array(repeating: 0x41, count: 40)) == .utf8)
        // Too short to tell; U+0000 (binary); a zip header; mostly non-ASCII units.
        #expect(ContentEncoding.sniff([0x41, 0, 0x42, 0, 0x0A, 0]) == .utf8)
        let withNUL = UTF16Files.bytes(Array("Title\tAuthors\u{0}\tYear\n".utf16), bigEndian: false, bom: false)
        #expect(ContentEncoding.sniff(withNUL) == .utf8)
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(ContentEncoding.sniff(zip) == .utf8)
        let cjk = UTF16Files.bytes(Array("患者患者患者患者患者 care".utf16), bigEndian: false, bom: false)
        #expect(ContentEncoding.sniff(cjk) == .utf8)
        #expect(ContentEncoding.sniff([0xFF, 0xFE, 0x41, 0]) == .utf16(bigEndian: false, byteOrderMark: true))
        #expect(ContentEncoding.sniff([0xFE, 0xFF]) == .utf16(bigEndian: true, byteOrderMark: true))
        #expect(ContentEncoding.sniff([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0]) == .utf32(bigEndian: false))
        #expect(ContentEncoding.sniff([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x41]) == .utf32(bigEndian: true))
    }

    @Test func utf32IsRefusedSayingWhatToDo() throws {
        let text = "TY  - JOUR\nTI  - A\nER  - \n".unicodeScalars
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0, 0, 0xFE, 0xFF] : [0xFF, 0xFE, 0, 0]
            for s in text {
                let v = s.value
                let le = (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }
                bytes += bigEndian ? le.reversed() : le
            }
            let read = try UTF16Files.read(bytes)
            let which = bigEndian ? "BE" : "LE"
            #expect(
                read.error?.description
                    == "x: the file is UTF-32 \(which) text (it starts with a UTF-32 byte order mark), which scoping does not read; save it again as UTF-8 (or UTF-16): in a text editor, Save As with the encoding UTF-8"
            )
        }
    }

    @Test func aBOMAloneIsAnEmptyFile() throws {
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x0A, 0x00]] {
            let read = try UTF16Files.read(bom)
            #expect(read.error == nil)
            #expect(read.records.isEmpty)
            #expect(read.warnings == ["x: the file is empty: no records"])
        }
    }

    @Test("XML in UTF-16: with a BOM or a declaration, libxml2 decodes it; with neither, it is transcoded")
    func xmlInUTF16() throws {
        for name in ["pubmed-demo.xml", "cinahl-demo.xml"] {
            let base = try UTF16Tests.base(name)
            let text = String(decoding: try #require(UTF16Files.samples[name]), as: UTF8.self)
            // The declaration now says UTF-16, as a UTF-16 file's does.
            let declaration = #"<?xml version="1.0" encoding="UTF-16"?>"#
            let declared = text.replacingOccurrences(
                of: #"^<\?xml [^?]*\?>"#, with: declaration, options: .regularExpression)
            #expect(declared.hasPrefix(#"<?xml version="1.0" encoding="UTF-16"?>"#))
            let undeclared = text.replacingOccurrences(
                of: #"^<\?xml [^?]*\?>\s*"#, with: "", options: .regularExpression)
            #expect(!undeclared.hasPrefix("<?xml"))
            for (variant, xml) in [("declared", declared), ("undeclared", undeclared)] {
                for bigEndian in [false, true] {
                    for bom in [false, true] {
                        let bytes = UTF16Files.encode(Array(xml.utf8), bigEndian: bigEndian, bom: bom)
                        let read = try UTF16Files.read(bytes, chunkSize: 5)
                        // Lines: the undeclared file lost the declaration's line breaks.
                        let removed = variant == "declared" ? 0 : text.count { $0 == "\n" } - xml.count { $0 == "\n" }
                        let lines = read.lines.map { $0 + removed }
                        UTF16Tests.expectSame(
                            UTF16Files.Read(
                                records: read.records, lines: lines, warnings: read.warnings, format: read.format,
                                error: read.error),
                            base, "\(name) \(variant) big-endian \(bigEndian) BOM \(bom)")
                    }
                }
            }
        }
    }
}
