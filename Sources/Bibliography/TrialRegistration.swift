/// What a trial register says about a study: its registration number, status, conditions,
/// interventions, dates, sponsor and countries (ClinicalTrials.gov, WHO ICTRP).
///
/// Carried by the ``Record`` of a registry export (``Record/trial``); bibliographic records have
/// none. The registration number is also in the record's ``Record/otherIDs`` under the scheme
/// ``scheme`` (`trial`), where dedup can match it against the trial numbers papers cite.
public struct TrialRegistration: Hashable, Codable, Sendable {
    /// The scheme of the registration number in ``Record/otherIDs``.
    public static let scheme = "trial"

    /// The registration number, normalised (``normalize(_:)``): `NCT01234567`,
    /// `ISRCTN12345678`, `EUCTR2010-012345-12`, `NL1234`, `NTR1234` …
    public var registrationID: String
    /// The register that issued it (`ClinicalTrials.gov`, `ISRCTN`, `EU Clinical Trials Register` …).
    public var register: String?
    /// Other numbers of the same trial (sponsor protocol numbers, other registers).
    public var secondaryIDs: [String]
    /// The recruitment status, in plain lower-case words (``normalizeStatus(_:)``):
    /// `recruiting`, `not yet recruiting`, `active, not recruiting`, `completed`, `terminated` …
    public var status: String?
    /// The conditions or health problems studied.
    public var conditions: [String]
    /// The interventions (`Drug: Metformin`, `Behavioral: Group consultations`).
    public var interventions: [String]
    /// When enrolment started (or is planned to).
    public var startDate: PublicationDate?
    /// When the study completed (or is planned to).
    public var completionDate: PublicationDate?
    /// The primary (lead) sponsor.
    public var sponsor: String?
    /// Countries of recruitment.
    public var countries: [String]
    /// Study type (`Interventional`, `Observational`) and phase, as the register writes them.
    public var studyType: String?
    public var phase: String?

    public init(
        registrationID: String, register: String? = nil, secondaryIDs: [String] = [], status: String? = nil,
        conditions: [String] = [], interventions: [String] = [], startDate: PublicationDate? = nil,
        completionDate: PublicationDate? = nil, sponsor: String? = nil, countries: [String] = [],
        studyType: String? = nil, phase: String? = nil
    ) {
        self.registrationID = registrationID
        self.register = register
        self.secondaryIDs = secondaryIDs
        self.status = status
        self.conditions = conditions
        self.interventions = interventions
        self.startDate = startDate
        self.completionDate = completionDate
        self.sponsor = sponsor
        self.countries = countries
        self.studyType = studyType
        self.phase = phase
    }

    /// True when the status says the study is still running or has not started.
    public var isOngoing: Bool {
        guard let status else { return false }
        return [
            "recruiting", "not yet recruiting", "active, not recruiting", "enrolling by invitation", "ongoing",
            "not recruiting", "pending", "authorised", "authorized", "suspended", "temporarily halted",
        ].contains(status)
    }

    /// A status as the register writes it (`RECRUITING`, `ACTIVE_NOT_RECRUITING`,
    /// `Not Recruiting`, `Completed`) in plain lower-case words.
    public static func normalizeStatus(_ raw: String) -> String? {
        let words = raw.replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace)
            .joined(separator: " ").lowercased()
        switch words {
        case "": return nil
        case "active not recruiting", "active, not recruiting": return "active, not recruiting"
        default: return words
        }
    }

    /// The registers a number's prefix names, longest prefix first.
    static let registers: [(prefix: String, register: String)] = [
        ("NCT", "ClinicalTrials.gov"), ("ISRCTN", "ISRCTN"), ("EUCTR", "EU Clinical Trials Register"),
        ("NL-OMON", "NL-OMON"), ("NTR", "Netherlands Trial Register"), ("NL", "Netherlands Trial Register"),
        ("ACTRN", "ANZCTR"), ("DRKS", "German Clinical Trials Register"), ("CHICTR", "ChiCTR"),
        ("CTRI", "CTRI"), ("JPRN", "JPRN"), ("IRCT", "IRCT"), ("KCT", "CRiS"), ("PACTR", "PACTR"),
        ("TCTR", "TCTR"), ("RBR", "ReBEC"), ("SLCTR", "SLCTR"), ("PER", "REPEC"), ("RPCEC", "RPCEC"),
        ("LBCTR", "LBCTR"), ("ITMCTR", "ITMCTR"), ("CTIS", "Clinical Trials Information System"),
    ]

    /// The register a registration number belongs to, from its prefix (`NCT…` →
    /// `ClinicalTrials.gov`), or nil.
    public static func register(of id: String) -> String? {
        let upper = id.uppercased()
        return registers.first(where: { upper.hasPrefix($0.prefix) })?.register
    }

    /// A registration number as registers and papers write it (`nct 0123 4567`, ` NCT01234567.`,
    /// `EUCTR2010-012345-12-NL`), trimmed and in upper case; the country suffix of an EudraCT
    /// number is dropped (the same trial in each country). Nil for an empty string.
    public static func normalize(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = s.last, ".,;:)".contains(last) { s.removeLast() }
        guard !s.isEmpty else { return nil }
        s = s.uppercased()
        if s.hasPrefix("NCT") || s.hasPrefix("ISRCTN") {
            s = s.filter { !$0.isWhitespace }
        }
        if s.hasPrefix("EUCTR") {
            // EUCTR2010-012345-12-NL → EUCTR2010-012345-12
            let parts = s.split(separator: "-")
            if parts.count == 4, parts[3].allSatisfy(\.isLetter) { s = parts.prefix(3).joined(separator: "-") }
        }
        return s
    }

    /// The trial registers among PubMed's databanks (NLM's "MEDLINE Databank Sources"), folded
    /// (lower case, letters and digits only); the others (GenBank, PubChem, Dryad …) hold data.
    static let trialDatabanks: Set<String> = [
        "anzctr", "chictr", "cris", "clinicaltrialsgov", "ctri", "drks", "eudract", "euctr", "irct", "isrctn",
        "japiccti", "jmacct", "jmacctctr", "jprn", "jrct", "ntr", "pactr", "rebec", "rpcec", "slctr", "tctr", "umin",
        "uminctr", "repec", "lbctr", "itmctr", "ctis",
    ]

    /// The registration number of an entry in PubMed's databank list (XML `DataBankName` and
    /// `AccessionNumber`; MEDLINE's `SI  - ClinicalTrials.gov/NCT01234567`) when the databank is
    /// a trial register, normalised as the registers' exports are (an EudraCT number gains its
    /// `EUCTR` prefix: `2010-012345-12` → `EUCTR2010-012345-12`); nil for the other databanks
    /// and for an empty number.
    public static func id(databank: String, accession: String) -> String? {
        let folded = String(databank.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard trialDatabanks.contains(folded), var id = normalize(accession) else { return nil }
        if folded == "eudract" || folded == "euctr", id.first?.isNumber == true { id = "EUCTR" + id }
        return normalize(id)
    }

    /// Registration numbers cited in free text (an abstract, PubMed's databank fields): NCT,
    /// ISRCTN, EudraCT (`EUCTR…` or a bare `2010-012345-12`), Dutch (`NTR…`, `NL…`), ACTRN,
    /// DRKS and ChiCTR numbers, normalised, each once, in order of appearance.
    public static func ids(inText text: String) -> [String] {
        let chars = Array(text.uppercased())
        var out: [String] = []
        func digits(from start: Int, max: Int = 20) -> Int {
            var j = start
            while j < chars.count, j - start < max, chars[j].isASCII, chars[j].isNumber { j += 1 }
            return j - start
        }
        var i = 0
        while i < chars.count {
            if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber {
                i += 1
                continue
            }
            var found: String?
            var length = 0
            for (prefix, need) in [
                ("NCT", 8), ("ISRCTN", 8), ("ACTRN", 14), ("DRKS", 8), ("NTR", 1), ("NL", 1), ("CHICTR", 6),
            ] {
                let p = Array(prefix)
                guard i + p.count < chars.count, Array(chars[i..<i + p.count]) == p else { continue }
                var start = i + p.count
                if prefix == "CHICTR" {
                    // ChiCTR2000012345, ChiCTR-IOR-17012345
                    var j = start
                    while j < chars.count, chars[j] == "-" || (chars[j].isLetter && chars[j].isASCII) { j += 1 }
                    start = j
                }
                let n = digits(from: start)
                if n >= need, prefix != "NCT" || n == 8, prefix != "ISRCTN" || n == 8 {
                    length = start + n - i
                    found = String(chars[i..<i + length])
                }
                break
            }
            if found == nil {
                // EudraCT: 2010-012345-12, optionally after EUCTR
                let start = chars[i...].starts(with: Array("EUCTR")) ? i + 5 : i
                if digits(from: start) == 4, start + 4 < chars.count, chars[start + 4] == "-",
                    digits(from: start + 5) == 6, start + 11 < chars.count, chars[start + 11] == "-",
                    digits(from: start + 12) == 2
                {
                    length = start + 14 - i
                    found = "EUCTR" + String(chars[start..<start + 14])
                }
            }
            if let id = found.flatMap(normalize) {
                if !out.contains(id) { out.append(id) }
                i += max(length, 1)
            } else {
                i += 1
            }
        }
        return out
    }
}

extension Record {
    /// The registration number of a registry record (``TrialRegistration/registrationID``),
    /// or nil for a bibliographic record.
    public var registrationID: String? { trial?.registrationID }
}
