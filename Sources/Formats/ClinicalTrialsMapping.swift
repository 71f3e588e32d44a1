import Bibliography
import Foundation

/// ClinicalTrials.gov studies to records: the CSV of the search page's "Download" (the current
/// site's columns, `NCT Number`, `Study Title`, `Study Status` …, and the classic site's,
/// `Title`, `Status`, `Sponsor/Collaborators` …) and the JSON of API v2 (`protocolSection`
/// modules). See docs/conformance.md for the fields read.
enum ClinicalTrialsMapping {
    /// The record every ClinicalTrials.gov study becomes: a ``ReferenceType/trialRegistration``
    /// with the register as its journal, the brief title as title, the brief summary as
    /// abstract, the first-posted date as date, and ``TrialRegistration`` fields.
    static func record(
        id: String, briefTitle: String?, officialTitle: String?, acronym: String?, summary: String?,
        trial: TrialRegistration, firstPosted: PublicationDate?, keywords: [String], url: String?
    ) -> Record {
        var r = Record(type: .trialRegistration)
        r.title = briefTitle ?? officialTitle ?? ""
        if let officialTitle, officialTitle != r.title { r.notes.append("official title: " + officialTitle) }
        if let acronym { r.notes.append("acronym: " + acronym) }
        if let summary { r.abstract = Abstract(summary) }
        r.journal = "ClinicalTrials.gov"
        r.date = firstPosted ?? trial.startDate
        r.keywords = trial.conditions + keywords.filter { !trial.conditions.contains($0) }
        r.urls = [url ?? "https://clinicaltrials.gov/study/" + id]
        r.otherIDs = [Identifier(TrialRegistration.scheme, id)]
        r.trial = trial
        return r
    }

    // MARK: CSV

    /// True for a header row of a ClinicalTrials.gov CSV download.
    static func isHeader(_ cells: [String]) -> Bool {
        cells.contains { normalized($0) == "nct number" }
    }

    static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// One CSV row. Throws (the caller adds file and line) when the row has no NCT number.
    static func record(header: [String], row: [String]) throws -> Record {
        var cells: [String: String] = [:]
        for (name, value) in zip(header.map(normalized), row) {
            let v = Text.normalizeWhitespace(value)
            if !v.isEmpty, cells[name] == nil { cells[name] = v }
        }
        func cell(_ names: String...) -> String? { names.lazy.compactMap { cells[$0] }.first }
        func list(_ names: String...) -> [String] {
            guard let v = names.lazy.compactMap({ cells[$0] }).first else { return [] }
            return v.split(separator: "|").map { Text.normalizeWhitespace($0) }.filter { !$0.isEmpty }
        }
        guard let raw = cell("nct number"), let id = TrialRegistration.normalize(raw), id.hasPrefix("NCT") else {
            throw RowError(message: "the row has no NCT number (column 'NCT Number')")
        }
        var sponsors = list("sponsor", "sponsor/collaborators")
        let sponsor = sponsors.isEmpty ? nil : sponsors.removeFirst()
        var trial = TrialRegistration(
            registrationID: id, register: "ClinicalTrials.gov",
            secondaryIDs: list("other ids"),
            status: cell("study status", "status", "overall status").flatMap(TrialRegistration.normalizeStatus),
            conditions: list("conditions"), interventions: list("interventions").map(intervention),
            startDate: cell("start date").flatMap(date),
            completionDate: cell("completion date", "primary completion date").flatMap(date),
            sponsor: sponsor, countries: countries(fromLocations: list("locations")),
            studyType: cell("study type").map(words), phase: phases(list("phases")))
        trial.secondaryIDs = trial.secondaryIDs.filter { $0 != id }
        var r = record(
            id: id, briefTitle: cell("study title", "title", "brief title"), officialTitle: cell("official title"),
            acronym: cell("acronym"), summary: cell("brief summary"), trial: trial,
            firstPosted: cell("first posted").flatMap(date), keywords: [],
            url: cell("study url", "url").map {
                $0.replacingOccurrences(of: "ClinicalTrials.gov", with: "clinicaltrials.gov")
            })
        for collaborator in sponsors + list("collaborators") { r.notes.append("collaborator: " + collaborator) }
        if let results = cell("study results"), results != "NO", results != "No Results Available" {
            r.notes.append("results: " + results)
        }
        return r
    }

    /// `DRUG: Metformin` → `Drug: Metformin` (the current site writes the type in capitals).
    static func intervention(_ raw: String) -> String {
        guard let colon = raw.firstIndex(of: ":") else { return raw }
        let type = raw[..<colon]
        guard type.allSatisfy({ $0.isUppercase || $0 == "_" || $0 == " " }) else { return raw }
        let words = type.replacingOccurrences(of: "_", with: " ").lowercased()
        return words.prefix(1).uppercased() + words.dropFirst() + raw[colon...]
    }

    /// The countries of `Facility, City, State, Zip, Country` locations (the last part), each
    /// once; `Iran, Islamic Republic of` and `Korea, Republic of` are one country.
    static func countries(fromLocations locations: [String]) -> [String] {
        var out: [String] = []
        for location in locations {
            let parts = location.split(separator: ",").map { Text.normalizeWhitespace($0) }
            guard var country = parts.last else { continue }
            if parts.count >= 2, country.first?.isLowercase == true || country.hasSuffix(" of") {
                country = parts[parts.count - 2] + ", " + country
            }
            if !country.isEmpty, !out.contains(country) { out.append(country) }
        }
        return out
    }

    /// Registry dates: `2020-04-15`, `2020-04`, `20200415`, `15/04/2020` (day first, as ICTRP
    /// writes them), `April 15, 2020`, `April 2020`.
    static func date(_ raw: String) -> PublicationDate? {
        let s = Text.normalizeWhitespace(raw)
        if s.count == 8, s.allSatisfy(\.isNumber), let year = Int(s.prefix(4)) {
            return PublicationDate(
                year: year, month: Int(s.dropFirst(4).prefix(2)), day: Int(s.suffix(2)))
        }
        let slash = s.split(separator: "/")
        if slash.count == 3, slash.allSatisfy({ $0.allSatisfy(\.isNumber) }), slash[2].count == 4,
            let day = Int(slash[0]), let month = Int(slash[1]), let year = Int(slash[2]), (1...12).contains(month)
        {
            return PublicationDate(year: year, month: month, day: day)
        }
        // `April 3, 2020` (the classic site's dates).
        let words = s.split(whereSeparator: { $0 == " " || $0 == "," })
        if words.count == 3, let month = PublicationDate.monthNumber(named: words[0]), let day = Int(words[1]),
            let year = Int(words[2]), words[2].count == 4
        {
            return PublicationDate(year: year, month: month, day: day)
        }
        return PublicationDate(parsing: s)
    }

    /// A row the mapping refuses, with what is wrong.
    struct RowError: Error {
        var message: String
    }

    // MARK: JSON (API v2)

    /// A study object of API v2 (`{"protocolSection": {…}, "hasResults": …}`). `path` names
    /// it in messages (`studies[3]`).
    static func record(study: [String: Any], path: String) throws -> Record {
        let reader = JSONPathReader(path: path)
        let protocolSection = try reader.object(study, "protocolSection", required: true) ?? [:]
        let p = reader.child("protocolSection")
        let identification = try p.object(protocolSection, "identificationModule", required: true) ?? [:]
        let idPath = p.child("identificationModule")
        guard let rawID = try idPath.string(identification, "nctId"), let id = TrialRegistration.normalize(rawID),
            id.hasPrefix("NCT")
        else {
            throw JSONPathError(path: idPath.path + ".nctId", message: "is missing or not an NCT number")
        }
        let status = try p.object(protocolSection, "statusModule") ?? [:]
        let s = p.child("statusModule")
        func date(_ key: String) throws -> PublicationDate? {
            guard let d = try s.object(status, key) else { return nil }
            return try s.child(key).string(d, "date").flatMap(ClinicalTrialsMapping.date)
        }
        let sponsors = try p.object(protocolSection, "sponsorCollaboratorsModule") ?? [:]
        let sp = p.child("sponsorCollaboratorsModule")
        let lead = try sp.object(sponsors, "leadSponsor").flatMap { try sp.child("leadSponsor").string($0, "name") }
        let collaborators = try sp.objects(sponsors, "collaborators").enumerated().compactMap { i, c in
            try sp.child("collaborators[\(i)]").string(c, "name")
        }
        let description = try p.object(protocolSection, "descriptionModule") ?? [:]
        let conditionsModule = try p.object(protocolSection, "conditionsModule") ?? [:]
        let c = p.child("conditionsModule")
        let design = try p.object(protocolSection, "designModule") ?? [:]
        let arms = try p.object(protocolSection, "armsInterventionsModule") ?? [:]
        let a = p.child("armsInterventionsModule")
        let interventions = try a.objects(arms, "interventions").enumerated().compactMap { i, item -> String? in
            let ip = a.child("interventions[\(i)]")
            guard let name = try ip.string(item, "name") else { return nil }
            return try ip.string(item, "type").map { intervention($0 + ": " + name) } ?? name
        }
        let contacts = try p.object(protocolSection, "contactsLocationsModule") ?? [:]
        let cl = p.child("contactsLocationsModule")
        var countries: [String] = []
        for (i, location) in try cl.objects(contacts, "locations").enumerated() {
            if let country = try cl.child("locations[\(i)]").string(location, "country"), !countries.contains(country) {
                countries.append(country)
            }
        }
        var secondary: [String] = []
        if let org = try idPath.object(identification, "orgStudyIdInfo"),
            let v = try idPath.child("orgStudyIdInfo").string(org, "id")
        {
            secondary.append(v)
        }
        for (i, info) in try idPath.objects(identification, "secondaryIdInfos").enumerated() {
            if let v = try idPath.child("secondaryIdInfos[\(i)]").string(info, "id") { secondary.append(v) }
        }
        let trial = TrialRegistration(
            registrationID: id, register: "ClinicalTrials.gov", secondaryIDs: secondary,
            status: try s.string(status, "overallStatus").flatMap(TrialRegistration.normalizeStatus),
            conditions: try c.strings(conditionsModule, "conditions"), interventions: interventions,
            startDate: try date("startDateStruct"),
            completionDate: try date("completionDateStruct") ?? date("primaryCompletionDateStruct"),
            sponsor: lead, countries: countries,
            studyType: try p.child("designModule").string(design, "studyType").map(words),
            phase: phases(try p.child("designModule").strings(design, "phases")))
        var r = record(
            id: id, briefTitle: try idPath.string(identification, "briefTitle"),
            officialTitle: try idPath.string(identification, "officialTitle"),
            acronym: try idPath.string(identification, "acronym"),
            summary: try p.child("descriptionModule").string(description, "briefSummary"), trial: trial,
            firstPosted: try date("studyFirstPostDateStruct"), keywords: try c.strings(conditionsModule, "keywords"),
            url: nil)
        for collaborator in collaborators { r.notes.append("collaborator: " + collaborator) }
        if let why = try s.string(status, "whyStopped") { r.notes.append("why stopped: " + why) }
        return r
    }

    /// `["PHASE2", "PHASE3"]` → `Phase 2, Phase 3`; `NA` (not applicable) is no phase.
    static func phases(_ raw: [String]) -> String? {
        let named = raw.filter { $0.uppercased() != "NA" && $0.uppercased() != "N/A" }.map(words)
        return named.isEmpty ? nil : named.joined(separator: ", ")
    }

    /// `PHASE2` → `Phase 2`, `INTERVENTIONAL` → `Interventional`, `EARLY_PHASE1` → `Early phase 1`.
    static func words(_ raw: String) -> String {
        var s = raw.replacingOccurrences(of: "_", with: " ").lowercased()
        if let r = s.range(of: "phase"), r.upperBound < s.endIndex, s[r.upperBound].isNumber {
            s.insert(" ", at: r.upperBound)
        }
        return s.prefix(1).uppercased() + s.dropFirst()
    }
}

/// A place in a JSON document (`studies[3].protocolSection.statusModule`) and typed access to
/// an object's members that names the place when a member has the wrong type.
struct JSONPathReader {
    var path: String

    func child(_ key: String) -> JSONPathReader {
        JSONPathReader(path: path + (key.hasPrefix("[") ? "" : ".") + key)
    }

    func object(_ o: [String: Any], _ key: String, required: Bool = false) throws -> [String: Any]? {
        guard let v = o[key], !(v is NSNull) else {
            if required { throw JSONPathError(path: path + "." + key, message: "is missing") }
            return nil
        }
        guard let object = v as? [String: Any] else {
            throw JSONPathError(path: path + "." + key, message: "is not an object")
        }
        return object
    }

    func objects(_ o: [String: Any], _ key: String) throws -> [[String: Any]] {
        guard let v = o[key], !(v is NSNull) else { return [] }
        guard let array = v as? [Any] else { throw JSONPathError(path: path + "." + key, message: "is not an array") }
        return try array.enumerated().map { i, item in
            guard let object = item as? [String: Any] else {
                throw JSONPathError(path: path + "." + key + "[\(i)]", message: "is not an object")
            }
            return object
        }
    }

    func string(_ o: [String: Any], _ key: String) throws -> String? {
        guard let v = o[key], !(v is NSNull) else { return nil }
        guard let s = v as? String else {
            throw JSONPathError(path: path + "." + key, message: "is not a string")
        }
        let t = Text.normalizeWhitespace(s)
        return t.isEmpty ? nil : t
    }

    func strings(_ o: [String: Any], _ key: String) throws -> [String] {
        guard let v = o[key], !(v is NSNull) else { return [] }
        guard let array = v as? [Any] else { throw JSONPathError(path: path + "." + key, message: "is not an array") }
        return try array.enumerated().compactMap { i, item in
            guard let s = item as? String else {
                throw JSONPathError(path: path + "." + key + "[\(i)]", message: "is not a string")
            }
            let t = Text.normalizeWhitespace(s)
            return t.isEmpty ? nil : t
        }
    }
}

/// A member of a JSON document with the wrong type, or missing: where and what.
struct JSONPathError: Error {
    var path: String
    var message: String
}
