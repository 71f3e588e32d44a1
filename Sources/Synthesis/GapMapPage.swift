import Bibliography
import Charting
public import Protocol

/// `gap-map.html`: the evidence gap map as one self-contained page (styles, script and data
/// inline; no request leaves it), in the manner of EPPI-Mapper: the matrix's rows (grouped) ×
/// columns, a marker per direction of findings sized by its number of studies, ongoing studies
/// apart, gaps hatched; filters from the codebook that every count follows; Enter or a click on
/// a cell lists its studies; a title search; the gaps under the current filters.
///
/// The page's script computes the cells from the embedded studies with the rule of
/// ``GapMap/make(from:)``, so without filters it shows exactly `gap-map.csv`.
public enum GapMapPage {
    /// Renders the page, or nil when the protocol has no matrix.
    ///
    /// - Parameters:
    ///   - language: the page's language.
    ///   - fileLanguage: the language tag of the files it names (`gap-map.en.svg`), nil for the
    ///     plain names.
    /// - Complexity: O(included studies × codebook fields).
    public static func html(_ input: SynthesisInput, language: ReportLanguage, fileLanguage: ReportLanguage? = nil)
        -> String?
    {
        guard let map = GapMap.make(from: input) else { return nil }
        var s = ReportStrings.table(language)
        s.fileLanguage = fileLanguage
        let p = PageStrings.table(language)
        let title = input.reviewProtocol.review.title.text(in: language)
        let data = GapMapPage.data(input, map: map, language: language)
        let filters = GapMapPage.filters(input, map: map, language: language)
        let catalogue = StudyCatalogue(input)
        let years = catalogue.entries.compactMap(\.study.record.year)

        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + PageAssets.contentSecurityPolicy + "\">\n"
        out += "<title>" + HTMLText.escape(s.gapMapTitle + ": " + title) + "</title>\n"
        out += "<style>\n" + PageAssets.gapMapStyle + "</style>\n</head>\n<body>\n"
        out +=
            "<header>\n<h1>" + HTMLText.escape(s.gapMapTitle) + "</h1>\n<p class=\"subtitle\">" + HTMLText.escape(title)
            + "</p>\n</header>\n"
        out += "<main>\n"

        // Controls: built here from the codebook, read by the script by name.
        out += "<form id=\"filters\" class=\"controls\" aria-label=\"" + HTMLText.escape(p.filters) + "\">\n"
        out += "<div class=\"control search\"><label for=\"q\">" + HTMLText.escape(p.search) + "</label>"
        out +=
            "<input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\" placeholder=\""
            + HTMLText.escape(p.searchPlaceholder) + "\"></div>\n"
        for filter in filters {
            out += "<div class=\"control\"><label for=\"f-\(filter.id)\">" + HTMLText.escape(filter.label) + "</label>"
            out +=
                "<select id=\"f-\(filter.id)\" name=\"f-\(filter.id)\"><option value=\"\">" + HTMLText.escape(p.all)
                + "</option>"
            for option in filter.options {
                out +=
                    "<option value=\"" + HTMLText.escape(option.id) + "\">" + HTMLText.escape(option.label)
                    + "</option>"
            }
            out += "</select></div>\n"
        }
        if let first = years.min(), let last = years.max() {
            out += "<div class=\"control years\"><label for=\"from\">" + HTMLText.escape(p.yearFrom) + "</label>"
            out +=
                "<input type=\"number\" id=\"from\" name=\"from\" min=\"\(first)\" max=\"\(last)\" value=\"\(first)\">"
            out += "<label for=\"to\">" + HTMLText.escape(p.yearTo) + "</label>"
            out +=
                "<input type=\"number\" id=\"to\" name=\"to\" min=\"\(first)\" max=\"\(last)\" value=\"\(last)\"></div>\n"
        }
        out +=
            "<div class=\"control\"><label for=\"status\">" + HTMLText.escape(p.status)
            + "</label><select id=\"status\" name=\"status\">"
        out +=
            "<option value=\"\">" + HTMLText.escape(p.statusAll) + "</option><option value=\"completed\">"
            + HTMLText.escape(p.completed)
        out += "</option><option value=\"ongoing\">" + HTMLText.escape(p.ongoing) + "</option></select></div>\n"
        out +=
            "<div class=\"control\"><button type=\"reset\" id=\"reset\">" + HTMLText.escape(p.reset)
            + "</button></div>\n"
        out += "</form>\n"
        out += "<div id=\"matches\" class=\"matches\" aria-live=\"polite\"></div>\n"
        out += "<p id=\"printed-filters\" class=\"print-only\"></p>\n"
        out += "<p id=\"summary\" role=\"status\" aria-live=\"polite\"></p>\n"
        out += legend(map, s, p)
        out += "<p class=\"help\">" + HTMLText.escape(p.cellHelp) + "</p>\n"
        out += "<noscript><p class=\"noscript\">" + HTMLText.escape(noScript(p, s)) + "</p></noscript>\n"
        out += "<div class=\"map-wrap\"><table id=\"map\"></table></div>\n"
        out +=
            "<section id=\"gaps\" aria-labelledby=\"gaps-title\"><h2 id=\"gaps-title\">"
            + HTMLText.escape(p.gapsHeading) + "</h2>"
        out += "<p id=\"gap-count\"></p><ul id=\"gap-list\"></ul></section>\n"
        out += "</main>\n"
        out +=
            "<dialog id=\"cell-dialog\" aria-labelledby=\"dialog-title\">\n<div class=\"dialog-head\"><h2 id=\"dialog-title\"></h2>"
        out += "<button type=\"button\" id=\"dialog-close\">" + HTMLText.escape(p.close) + "</button></div>\n"
        out += "<p id=\"dialog-summary\"></p>\n<div id=\"dialog-body\"></div>\n</dialog>\n"
        out += provenance(input, p, language: language)
        out += "<script type=\"application/json\" id=\"gap-map-data\">" + data.text + "</script>\n"
        out += "<script>\n" + PageAssets.gapMapScript + "</script>\n</body>\n</html>\n"
        return out
    }

    static func noScript(_ p: PageStrings, _ s: ReportStrings) -> String {
        p.noScript.replacingOccurrences(of: "gap-map.svg", with: s.file("gap-map.svg"))
            .replacingOccurrences(of: "gap-map.md", with: s.file("gap-map.md"))
    }

    /// A filter: a codebook field with its options (choice ids or distinct texts).
    struct Filter {
        var id: String
        var label: String
        var options: [(id: String, label: String)]
    }

    /// The filters from the codebook: every single- and multiple-choice field that is not an
    /// axis of the matrix, then every text field whose charted values repeat (2 to 20 distinct
    /// values, fewer than the studies charting it: a setting or region, a target group), its
    /// values in alphabetical order. Options no study has are left out.
    static func filters(_ input: SynthesisInput, map: GapMap, language: ReportLanguage) -> [Filter] {
        let codebook = input.reviewProtocol.codebook
        let axes: Set<String> = [map.spec.rows, map.spec.columns]
        let values = input.included.compactMap { input.charting[$0.key]?.values }
        var out: [Filter] = []
        for field in codebook.fields where !axes.contains(field.id) {
            switch field.type {
            case .singleChoice, .multipleChoice:
                let used = Set(values.flatMap { $0[field.id]?.choiceIDs ?? [] })
                let options = field.choices.filter { used.contains($0.id) }.map {
                    (id: $0.id, label: $0.label.text(in: language))
                }
                if !options.isEmpty {
                    out.append(Filter(id: field.id, label: field.label.text(in: language), options: options))
                }
            case .text:
                let texts = values.compactMap { v -> String? in
                    if case .text(let t)? = v[field.id] { return normalized(t) }
                    return nil
                }.filter { !$0.isEmpty }
                let distinct = Set(texts)
                guard distinct.count >= 2, distinct.count <= 20, distinct.count < texts.count else { continue }
                let options = distinct.sorted { a, b in
                    let fa = Text.foldForMatching(a)
                    let fb = Text.foldForMatching(b)
                    return fa != fb ? fa < fb : a < b
                }.map { (id: $0, label: $0) }
                out.append(Filter(id: field.id, label: field.label.text(in: language), options: options))
            default:
                continue
            }
        }
        return out
    }

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// The data the script works from: texts, axes, the filters' fields and every included
    /// study with its cells, filter values, reference and link.
    static func data(_ input: SynthesisInput, map: GapMap, language: ReportLanguage) -> JSONValue {
        let s = ReportStrings.table(language)
        let p = PageStrings.table(language)
        let codebook = input.reviewProtocol.codebook
        let catalogue = StudyCatalogue(input)
        let filters = GapMapPage.filters(input, map: map, language: language)
        let designField = codebook.field("design")

        let text: JSONValue = .object([
            ("shown", .string(p.shown)), ("noMatch", .string(p.noMatch)), ("study", .string(p.studyWord)),
            ("studies", .string(p.studiesWord)), ("gap", .string(p.gapWord)), ("ongoing", .string(p.ongoingWord)),
            ("noGaps", .string(p.noGaps)), ("gapsSentence", .string(s.gapsSentence(1_000_001, 1_000_002))),
            ("gapOngoing", .string(s.gapOngoing("{refs}"))), ("design", .string(p.designColumn)),
            ("direction", .string(p.directionColumn)), ("link", .string(p.linkColumn)), ("matches", .string(p.matches)),
            ("studyColumn", .string(s.studyColumn)), ("yearColumn", .string(s.yearColumn)),
            ("rowsHeading", .string(s.interventionWord)), ("completed", .string(p.completed)),
            ("printedFilters", .string(p.printedFilters)), ("yearFrom", .string(p.yearFrom)),
            ("yearTo", .string(p.yearTo)),
            ("search", .string(p.search)), ("status", .string(p.status)),
        ])
        let directions: [JSONValue] =
            ([FindingDirection.favourable, .noDifference, .unfavourable, .mixed] as [FindingDirection?] + [nil]).map {
                d in
                .object([
                    ("id", .string(d?.rawValue ?? "none")), ("label", .string(GapMap.Glyph(d).label(s))),
                    ("symbol", .string(GapMap.symbol(d))),
                ])
            }
        let rows: [JSONValue] = map.rowsWithGroups().map { item in
            let row = map.rows[item.index]
            return .object([
                ("id", .string(row.id)), ("label", .string(row.label.text(in: language))),
                ("group", .string(item.groupStart?.text(in: language))),
            ])
        }
        let columns: [JSONValue] = map.columns.map {
            .object([("id", .string($0.id)), ("label", .string($0.label.text(in: language)))])
        }
        let filterFields: [JSONValue] = filters.map { f in
            .object([
                ("id", .string(f.id)), ("label", .string(f.label)),
                ("options", .object(f.options.map { ($0.id, .string($0.label)) })),
            ])
        }
        let filterIDs = Set(filters.map(\.id))
        let studies: [JSONValue] = catalogue.entries.map { entry in
            let record = entry.study.record
            let values = entry.charting?.values ?? [:]
            var cells: [JSONValue] = []
            if let value = values[map.spec.columns] {
                switch value {
                case .findings(let list):
                    cells = list.map { .array([.string($0.outcome), .string($0.direction?.rawValue ?? "none")]) }
                default: cells = value.choiceIDs.map { .array([.string($0), .string("none")]) }
                }
            }
            var fieldValues: [(String, JSONValue)] = []
            for field in codebook.fields where filterIDs.contains(field.id) {
                guard let value = values[field.id] else { continue }
                if case .text(let t) = value {
                    fieldValues.append((field.id, .array([.string(normalized(t))])))
                } else {
                    fieldValues.append((field.id, .array(value.choiceIDs.map { .string($0) })))
                }
            }
            var link: JSONValue = .null
            var linkText: JSONValue = .null
            if let doi = record.doi, !doi.isEmpty {
                link = .string("https://doi.org/" + doi)
                linkText = .string("doi:" + doi)
            } else if let pmid = record.pmid, !pmid.isEmpty {
                link = .string("https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/")
                linkText = .string("PubMed " + pmid)
            }
            let design = designField.flatMap { field in values[field.id].map { $0.display(for: field, in: language) } }
            return .object([
                ("n", .int(entry.number)), ("label", .string(entry.label)), ("title", .string(record.title)),
                ("year", record.year.map { .int($0) } ?? .null), ("ref", .string(Vancouver.reference(record))),
                ("url", link), ("urlText", linkText), ("ongoing", .bool(entry.isOngoing)), ("design", .string(design)),
                ("rows", .array(GapMap.ids(values[map.spec.rows]).map { .string($0) })), ("cells", .array(cells)),
                ("f", .object(fieldValues)),
            ])
        }
        return .object([
            ("text", text), ("hasDirections", .bool(map.hasDirections)), ("groupRows", .bool(map.spec.groupRows)),
            ("directions", .array(directions)), ("rows", .array(rows)), ("columns", .array(columns)),
            ("filters", .array(filterFields)), ("studies", .array(studies)),
        ])
    }

    /// The legend: one glyph per direction (shape and colour), ongoing, gap.
    static func legend(_ map: GapMap, _ s: ReportStrings, _ p: PageStrings) -> String {
        var out = "<ul class=\"legend\" aria-label=\"" + HTMLText.escape(s.legend) + "\">"
        if map.hasDirections {
            for (glyph, id) in [
                (GapMap.Glyph.favourable, "favourable"), (.noDifference, "no_difference"),
                (.unfavourable, "unfavourable"), (.mixed, "mixed"), (.notCharted, "none"),
            ] {
                out +=
                    "<li><span class=\"glyph g-\(id)\" aria-hidden=\"true\"></span>" + HTMLText.escape(glyph.label(s))
                    + "</li>"
            }
        } else {
            out +=
                "<li><span class=\"glyph g-studies\" aria-hidden=\"true\"></span>" + HTMLText.escape(p.studiesWord)
                + "</li>"
        }
        out +=
            "<li><span class=\"glyph g-ongoing\" aria-hidden=\"true\"></span>"
            + HTMLText.escape(GapMap.Glyph.ongoing.label(s)) + "</li>"
        out +=
            "<li><span class=\"swatch-gap\" aria-hidden=\"true\"></span>" + HTMLText.escape(s.cellNoStudy)
            + "</li></ul>\n"
        return out
    }

    /// The note a printed copy keeps: the review, the date of its latest search, the
    /// protocol's hash, the counts, the tool.
    static func provenance(_ input: SynthesisInput, _ p: PageStrings, language: ReportLanguage) -> String {
        let proto = input.reviewProtocol
        let counts = PrismaCounts.make(from: input)
        let catalogue = StudyCatalogue(input)
        var out = "<footer class=\"provenance\">\n<h2>" + HTMLText.escape(p.provenance) + "</h2>\n<p>"
        out += HTMLText.escape(proto.review.title.text(in: language))
        // The last search of any source (an update counts).
        if let date = proto.sources.flatMap({ $0.searches.map(\.date) }).filter({ !$0.isEmpty }).max() {
            out += "; " + HTMLText.escape(p.searchedUntil) + " " + HTMLText.escape(date)
        }
        if let hash = input.protocolHash {
            out += "; " + HTMLText.escape(p.protocolHash) + " <code>" + HTMLText.escape(hash) + "</code>"
        }
        out += ".</p>\n<p>"
        let charted = catalogue.entries.filter { $0.charting?.isCharted == true }.count
        out += HTMLText.escape(
            p.countsLine
                .replacingOccurrences(of: "{identified}", with: String(counts.identified))
                .replacingOccurrences(of: "{included}", with: String(counts.studiesIncluded))
                .replacingOccurrences(of: "{ongoing}", with: String(catalogue.ongoing.count))
                .replacingOccurrences(of: "{charted}", with: String(charted)))
        if let tool = input.automation.tool {
            out += " " + HTMLText.escape(p.generatedBy) + " " + HTMLText.escape(tool) + "."
        }
        out += "</p>\n</footer>\n"
        return out
    }
}
