import Bibliography
import CLibXML2
public import XMLSupport

/// Reads the XML export of the WHO International Clinical Trials Registry Platform search
/// portal ("Export results to XML"): `<Trials_downloaded_from_ICTRP>` with one `<Trial>` of
/// flat fields per trial (`TrialID`, `Public_title`, `Recruitment_Status`, `Condition`,
/// `Intervention`, `Countries` …). The portal has no published schema: the fields read are
/// those its exports carry (see docs/conformance.md).
///
/// A libxml2 SAX2 push parser (see ``SAXParser``) streams the file; memory is bounded by the
/// largest trial. Malformed or cut XML stops the reader with a ``FormatError`` giving line
/// and column, and a `<Trial>` without a `TrialID` is an error with its line.
public final class ICTRPReader: ExportReader, SAXContentHandler, SAXExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    var parser: SAXParser?
    private var depth = 0
    private var sawRoot = false
    private var fields: [String: String]?
    private var field: String?
    private var trialLine = 0
    private var trialCount = 0
    private var text = SAXTextBuffer(limit: 1 << 20)
    private(set) var truncatedFields = 0

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws { try feedSAX(bytes) }

    public func finish() throws { try finishSAX() }

    static let formatName = "ICTRP XML"
    static let malformedHint =
        "export the trials again from the ICTRP search portal, or check that the file was not cut short"
    var recordInProgress: Int? { fields != nil ? trialCount + 1 : nil }

    // MARK: SAXContentHandler

    public func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        depth += 1
        let element = String(cString: name)
        if !sawRoot {
            sawRoot = true
            if element != "Trials_downloaded_from_ICTRP" {
                parser?.stop(
                    FormatError(
                        file: file, line: parser?.line, message: "not ICTRP XML: the root element is <\(element)>",
                        hint: "the ICTRP export starts with <Trials_downloaded_from_ICTRP>; name the right format"))
            }
            return
        }
        if depth == 2, element == "Trial" {
            fields = [:]
            trialLine = parser?.line ?? 0
        } else if depth == 3, fields != nil {
            field = element
            text.clear()
        }
    }

    public func endElement(_ name: UnsafePointer<UInt8>) {
        defer { depth -= 1 }
        if depth == 3, let name = field {
            if text.truncated { truncatedFields += 1 }
            let value = text.take()
            if !value.isEmpty, fields?[name] == nil { fields?[name] = value }
            field = nil
        } else if depth == 2, let finished = fields {
            fields = nil
            trialCount += 1
            do {
                let record = try ICTRPMapping.record(finished, file: file, line: trialLine, number: trialCount)
                try handler(.record(record, line: trialLine))
            } catch {
                parser?.stop(error)
            }
        }
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if field != nil { text.append(bytes) }
    }

    public func unresolvedEntity(_ name: String) {
        if field != nil { text.append("&" + name + ";") }
    }
}

/// The fields of one ICTRP `<Trial>` to a record.
enum ICTRPMapping {
    static func record(_ f: [String: String], file: String, line: Int, number: Int) throws -> Record {
        guard let raw = f["TrialID"], let id = TrialRegistration.normalize(raw) else {
            throw FormatError(
                file: file, line: line, record: number, message: "trial \(number) has no <TrialID>",
                hint: "export the trials again from the ICTRP search portal")
        }
        func value(_ names: String...) -> String? {
            for n in names {
                if let v = f[n].map(clean), !v.isEmpty, v != "N/A", v != "NA" { return v }
            }
            return nil
        }
        let register = value("Source_Register") ?? TrialRegistration.register(of: id)
        let trial = TrialRegistration(
            registrationID: id, register: register,
            secondaryIDs: list(f["Secondary_ID"] ?? "").filter { $0.uppercased() != id },
            status: value("Recruitment_Status").flatMap(TrialRegistration.normalizeStatus),
            conditions: list(f["Condition"] ?? ""), interventions: list(f["Intervention"] ?? ""),
            startDate: value("Date_enrollement", "Date_enrolment").flatMap(ClinicalTrialsMapping.date),
            completionDate: value("results_date_completed", "Date_completion").flatMap(ClinicalTrialsMapping.date),
            sponsor: value("Primary_sponsor"), countries: list(f["Countries"] ?? ""),
            studyType: value("Study_type"), phase: value("Phase"))
        var r = Record(type: .trialRegistration)
        r.title = value("Public_title") ?? value("Scientific_title") ?? ""
        if let scientific = value("Scientific_title"), scientific != r.title {
            r.notes.append("scientific title: " + scientific)
        }
        if let acronym = value("Acronym") { r.notes.append("acronym: " + acronym) }
        r.journal = register
        r.date = value("Date_registration3", "Date_registration").flatMap(ClinicalTrialsMapping.date)
        r.keywords = trial.conditions
        if let url = value("web_address") { r.urls = [url] }
        r.otherIDs = [Identifier(TrialRegistration.scheme, id)]
        if let number = value("Internal_Number") { r.otherIDs.append(Identifier("ictrp", number)) }
        if let secondary = value("Secondary_Sponsor") { r.notes.append("secondary sponsor: " + secondary) }
        if let support = value("Source_Support") { r.notes.append("source of support: " + support) }
        r.trial = trial
        return r
    }

    /// HTML remnants in ICTRP text (`<br>`, `&#x0D;`) as plain text.
    static func clean(_ raw: String) -> String {
        Text.normalizeWhitespace(
            raw.replacingOccurrences(of: "<br>", with: " ").replacingOccurrences(of: "<br/>", with: " ")
                .replacingOccurrences(of: "<br />", with: " "))
    }

    /// A list field (`Netherlands;Belgium`, `Condition A<br>Condition B`), each item once.
    static func list(_ raw: String) -> [String] {
        var out: [String] = []
        let pieces = raw.replacingOccurrences(of: "<br />", with: ";").replacingOccurrences(of: "<br/>", with: ";")
            .replacingOccurrences(of: "<br>", with: ";")
            .split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" })
        for piece in pieces {
            let v = Text.normalizeWhitespace(piece)
            if !v.isEmpty, !out.contains(v) { out.append(v) }
        }
        return out
    }
}
