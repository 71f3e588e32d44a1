import Bibliography
import Foundation
import Testing

@testable import Formats

/// The transcoder alone (any chunking, broken input), and UTF-16 files cut off like the UTF-8
/// ones in ``TruncationCorpusTests``.
@Suite struct UTF16TranscoderTests {
    /// Text with every kind of code unit: ASCII, 2- and 3-byte UTF-8, surrogate pairs, unpaired
    /// halves (alone, before a line break, twice in a row), CR, LF and CRLF.
    static let units: [UInt16] =
        [0xFEFF] + Array("TI  - é 患者 𝛼😀\r\nline\rtwo\n".utf16) + [0xD800, 0x41, 0xDC00, 0xDBFF, 0x0A]
        + [0xD83D, 0xD83D, 0xDE00] + Array("\r\nend".utf16)

    static func transcode(_ bytes: [UInt8], bigEndian: Bool, chunk: Int) -> (UTF16Transcoder, [UInt8]) {
        var t = UTF16Transcoder(bigEndian: bigEndian)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let end = min(i + chunk, bytes.count)
            out += bytes[i..<end].withUnsafeBufferPointer { t.transcode($0) }
            i = end
        }
        out += t.finish()
        return (t, out)
    }

    @Test func anyChunkingGivesWhatSwiftDecodes() {
        // Swift's own decoder replaces each unpaired surrogate with U+FFFD, as the transcoder does.
        let expected = Array(String(decoding: Self.units.dropFirst(), as: Unicode.UTF16.self).utf8)
        for bigEndian in [false, true] {
            let bytes = UTF16Files.bytes(Self.units, bigEndian: bigEndian, bom: false)
            for chunk in [1, 2, 3, 4, 5, 7, 8, 9, 1 << 16] {
                let (t, out) = Self.transcode(bytes, bigEndian: bigEndian, chunk: chunk)
                #expect(out == expected, "big-endian \(bigEndian), chunk \(chunk)")
                #expect(t.replaced == 4)
                // Lines: 1 `TI`, 2 `line`, 3 `two`, 4 the first unpaired half.
                #expect(t.firstReplacedLine == 4)
                #expect(!t.endedInsideCharacter)
            }
        }
    }

    @Test func aBOMIsDroppedOnlyAtTheStart() {
        let units: [UInt16] = [0xFEFF, 0x41, 0xFEFF, 0x42]
        for bigEndian in [false, true] {
            let bytes = UTF16Files.bytes(units, bigEndian: bigEndian, bom: false)
            let (_, out) = Self.transcode(bytes, bigEndian: bigEndian, chunk: 1)
            #expect(out == Array("A\u{FEFF}B".utf8))
        }
    }

    @Test func aCutInsideACharacterEndsInsideAUTF8One() {
        for bigEndian in [false, true] {
            // Cut inside a code unit: the lead bytes of U+FFFD.
            let odd = UTF16Files.bytes(Array("AB".utf16), bigEndian: bigEndian, bom: false).dropLast()
            let (t1, out1) = Self.transcode(Array(odd), bigEndian: bigEndian, chunk: 1)
            #expect(t1.endedInsideCharacter)
            #expect(out1 == [0x41, 0xEF, 0xBF])
            #expect(TextEncoding.endsWithIncompleteUTF8(out1))
            // Cut between the halves of a pair: the first two bytes of the cut character.
            let pair = UTF16Files.bytes(Array("A😀".utf16).dropLast(), bigEndian: bigEndian, bom: false)
            let (t2, out2) = Self.transcode(pair, bigEndian: bigEndian, chunk: 3)
            #expect(t2.endedInsideCharacter)
            #expect(out2 == [0x41] + Array("😀".utf8).prefix(2))
            #expect(t2.replaced == 0)
            // Both: a high half and an odd byte after it.
            let both = pair + [0x00]
            let (t3, out3) = Self.transcode(both, bigEndian: bigEndian, chunk: 2)
            #expect(t3.endedInsideCharacter)
            #expect(TextEncoding.endsWithIncompleteUTF8(out3))
        }
    }

    /// Files cut like a download that stopped: at the start of the last record (the records
    /// before it, as from the UTF-8 file cut there), inside it (the UTF-8 file's error, with the
    /// same line), inside a code unit (an error with a line; with --accept-truncated, the records
    /// before it and a warning).
    @Test(
        "a cut UTF-16 file: refused with a location, or the records before the cut",
        arguments: [
            "citation-searching-demo.ris", "embase-demo.ris", "clinicaltrials-demo.csv", "medline-databank.nbib", "wos",
            "bibtex", "csl-json", "ctgov-json", "ctgov-csv",
        ])
    func truncation(name: String) throws {
        let utf8 = try #require(UTF16Files.samples[name])
        let base = try UTF16Tests.base(name)
        let units = Array(String(decoding: utf8, as: UTF8.self).utf16)
        let lastLine = try #require(base.lines.last)
        // Where line `lastLine` starts, in code units.
        var line = 1
        var lastStart = 0
        for (i, u) in units.enumerated() where line < lastLine {
            if u == 0x0A || (u == 0x0D && (i + 1 == units.count || units[i + 1] != 0x0A)) {
                line += 1
                lastStart = i + 1
            }
        }
        var end = units.count
        while end > lastStart, [0x0A, 0x0D, 0x20, 0x09].contains(units[end - 1]) { end -= 1 }
        var middle = (lastStart + end) / 2
        while middle < end - 1, units[middle] >= 0x80 || [0x0A, 0x0D].contains(units[middle]) { middle += 1 }
        var cuts = [(middle, "inside")]
        if base.records.count > 1 { cuts.append((lastStart, "boundary")) }
        for bigEndian in [false, true] {
            let bytes = UTF16Files.encode(utf8, bigEndian: bigEndian)
            for (cut, kind) in cuts {
                let asUTF8 = try UTF16Files.read(Array(String(decoding: units[..<cut], as: Unicode.UTF16.self).utf8))
                let read = try UTF16Files.read(Array(bytes[..<(2 + 2 * cut)]), chunkSize: 5)
                let what = "\(name) big-endian \(bigEndian) cut \(kind) at unit \(cut)"
                #expect(read.error == asUTF8.error, "\(what)")
                #expect(read.records == asUTF8.records, "\(what)")
                if kind == "inside" { #expect(read.error?.line != nil, "\(what)") }
                if kind == "boundary" { #expect(read.records == Array(base.records.dropLast()), "\(what)") }
            }
            // Inside a code unit: an error with a line; accepted, the records before the cut one.
            let odd = Array(bytes[..<(2 + 2 * middle + 1)])
            let refused = try UTF16Files.read(odd, chunkSize: 5)
            let error = try #require(refused.error, "\(name) cut inside a code unit")
            #expect(error.line != nil)
            #expect(error.message.contains("cut off"), "\(error)")
            let accepted = try UTF16Files.read(odd, chunkSize: 5, acceptTruncated: true)
            #expect(accepted.error == nil)
            #expect(accepted.records == Array(base.records.dropLast()), "\(name)")
            #expect(accepted.warnings.contains { $0.contains("looks cut off") }, "\(accepted.warnings)")
        }
    }

    @Test func aCutInsideASurrogatePairIsACutCharacter() throws {
        let ris = "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Smile 😀 more\nER  - \n"
        var units = Array(ris.utf16)
        let high = try #require(units.firstIndex(of: 0xD83D))
        units = Array(units[...high])
        for bigEndian in [false, true] {
            let read = try UTF16Files.read(UTF16Files.bytes(units, bigEndian: bigEndian), chunkSize: 3)
            #expect(
                read.error?.description
                    == "x:6: the export looks cut off (an interrupted download or copy?): the file ends inside a character (an incomplete UTF-8 or UTF-16 sequence); nothing of it was imported (record 2); download or export the file again, or pass --accept-truncated to import the records before the cut one"
            )
        }
    }
}
