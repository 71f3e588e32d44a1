import Testing
@testable import Bibliography

@Suite struct DOITests {
    @Test(arguments: [
        ("https://doi.org/10.1000/ABC.123.", "10.1000/abc.123"),
        ("doi:10.1000/xyz;", "10.1000/xyz"),
        ("http://dx.doi.org/10.1016/S0140-6736(19)30000-0", "10.1016/s0140-6736(19)30000-0"),
        ("10.1000/abc [doi]", "10.1000/abc"),
    ])
    func normalizes(raw: String, expected: String) {
        #expect(DOI.normalize(raw) == expected)
    }

    @Test func rejectsNonDOI() {
        #expect(DOI.normalize("not a doi") == nil)
        #expect(DOI.normalize("") == nil)
    }
}

/// The byte-level ASCII fast path of `DOI.normalize` against the general (Foundation) path.
@Suite struct DOIFastPathTests {
    static let tricky = [
        "10.1000/abc", "10.1000/ABC.123.", "https://doi.org/10.1000/ABC.123.", "doi:10.1000/xyz;",
        "http://dx.doi.org/10.1016/S0140-6736(19)30000-0", "10.1016/S0140-6736(19)30000-0).",
        "10.1016/s0140-6736(19)30000-0))", "(10.1000/abc)", "10.1000/abc [doi]", "  10.1000/a\tb  ",
        "10.1000/abc\n10.2000/def", "10.1/", "10.12/", "10.1", "10./x", "110.5/x", "x10.5/y",
        "10.1000/abc.,;:)]}'\"", "10.1000/a'b'", "\"10.1000/q\"", "10.1000/[a]", "10.1000/{b}}",
        "", " ", "not a doi", "10.1000", "DOI: 10.1000/ABC", "10.1000/abc\u{7F}", "10.1000/a\u{01}b",
        "10.1000/ab%2Fcd", "10.1000/é", "10.1000/abc\u{A0}def", "10.10 00/abc", "1 0.1000/abc", "10.1000/)",
        "10.1000/x)(", "10.1000/x()", "10.1000/.)", ".10.1000/abc", "10.10.10/abc",
    ]

    @Test("the fast path gives the general path's answer")
    func sameAsGeneral() {
        for raw in Self.tricky {
            #expect(DOI.normalize(raw) == DOI.normalizeGeneral(raw), "\(raw)")
        }
    }

    @Test("random ASCII: the same answer")
    func randomASCII() {
        let alphabet = Array("10./ab()[]{}.,;:'\" \t\nXY-%".utf8)
        var state: UInt64 = 42
        for _ in 0..<20000 {
            var bytes: [UInt8] = []
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59)
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let raw = String(decoding: bytes, as: UTF8.self)
            #expect(DOI.normalize(raw) == DOI.normalizeGeneral(raw), "\(raw)")
        }
    }
}

/// The byte-level ASCII fast paths of `PMCID.normalize` and of the date tokenizer against their
/// general paths.
@Suite struct IdentifierAndDateFastPathTests {
    static func randomASCII(_ alphabet: String, count: Int, seed: UInt64) -> [String] {
        let bytes = Array(alphabet.utf8)
        var state = seed
        var out: [String] = []
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59)
            var s: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s.append(bytes[Int(state >> 33) % bytes.count])
            }
            out.append(String(decoding: s, as: UTF8.self))
        }
        return out
    }

    @Test("PMCID: the fast path gives the general path's answer")
    func pmcid() {
        let tricky = [
            "PMC1234567", "pmc1234567", "PMCID: PMC1234567", "PMC4691189 [Available on 09/01/16]", "PMC", "PMC:",
            "PMC 123", "PMC: 123", "PMC :123 45", "xPMC12a", "PmC0042", "PMC12\r\n34", "", "none", "PMCPMC12",
            "PMC\t12", "pmc 1 2", "PMC12:34", "PMC１２", "PMC12é",
        ]
        for raw in tricky + Self.randomASCII("PMCpmc0123456789 :-x\t", count: 20000, seed: 7) {
            #expect(PMCID.normalize(raw) == PMCID.normalizeGeneral(raw), "\(raw)")
        }
    }

    @Test("dates: ASCII tokens are the Character tokens")
    func dateTokens() {
        let tricky = [
            "2019", "2019/05/14", "1998 Dec-1999 Jan", "2019 Winter", "May 2019", "14 May 2019", "2019//", "2019-05-14",
            "@[`{", "a1b2", "Z9z",
        ]
        for s in tricky + Self.randomASCII("0129AZaz @[`{/-.,", count: 20000, seed: 9) {
            #expect(PublicationDate.asciiTokens(s) == PublicationDate.tokens(s), "\(s)")
        }
    }
}
