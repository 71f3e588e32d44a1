import Protocol

extension Report {
    /// The methods' sources: one table row per search (updates and other methods marked), the
    /// search strategies, and what the updates and an earlier version mean for the counts.
    static func sourcesSection(_ input: SynthesisInput, _ s: ReportStrings) -> String {
        let proto = input.reviewProtocol
        let t = SourceStrings.table(s.language)
        var recordsByFile: [String: Int] = [:]
        var recordsBySource: [String: Int] = [:]
        for file in input.imports {
            recordsByFile[file.file, default: 0] += file.records
            recordsBySource[file.database, default: 0] += file.records
        }
        func records(_ search: SourceSearch) -> Int { search.files.reduce(0) { $0 + (recordsByFile[$1] ?? 0) } }
        let simple = proto.sources.allSatisfy { $0.searches.count == 1 && $0.kind == .database }
        var rows: [[String]] = []
        for source in proto.sources {
            if simple {
                rows.append([
                    Markdown.escape(source.name), Markdown.escape(source.interface), source.dateSearched,
                    String(recordsBySource[source.id] ?? 0),
                ])
                continue
            }
            let kind = source.kind == .database ? "" : " (" + t.kindName(source.kind) + ")"
            for (round, search) in source.searches.enumerated() {
                rows.append([
                    Markdown.escape(source.name) + kind + (round == 0 ? "" : " – " + t.update),
                    source.interface.isEmpty ? "–" : Markdown.escape(source.interface), search.date,
                    String(records(search)),
                ])
            }
        }
        let header = [s.databaseColumn, s.interfaceColumn, s.dateColumn, s.recordsColumn]
        var out = Markdown.table(header: header, rows: rows)
        out += "\n"
        // One sentence per update date.
        var updates: [String: [SearchSource]] = [:]
        for source in proto.sources {
            for search in source.updates where !(updates[search.date] ?? []).contains(source) {
                updates[search.date, default: []].append(source)
            }
        }
        for date in updates.keys.sorted() {
            let sources = updates[date] ?? []
            let n = sources.flatMap { $0.updates.filter { $0.date == date } }.reduce(0) { $0 + records($1) }
            out += t.updateSentence(date, s.list(sources.map { Markdown.escape($0.name) }), n) + " "
        }
        if let previous = proto.previousVersion {
            out += t.previousVersionSentence(previous.date, previous.citation.map(Markdown.escape)) + " "
        }
        if !updates.isEmpty || proto.previousVersion != nil {
            out = String(out.dropLast()) + "\n\n"
        }
        out += "#### " + s.searchStrategies + "\n\n"
        for source in proto.sources {
            var query = ""
            var dates: [String] = []
            for search in source.searches {
                if search.query != query, !search.query.isEmpty {
                    if !query.isEmpty {
                        out += block(source.name, dates, query)
                        dates = []
                    }
                    query = search.query
                }
                dates.append(search.date)
            }
            if !query.isEmpty { out += block(source.name, dates, query) }
        }
        return out
    }

    private static func block(_ name: String, _ dates: [String], _ query: String) -> String {
        "**" + Markdown.escape(name) + "** (" + dates.joined(separator: "; ") + ")\n\n```text\n" + query + "\n```\n\n"
    }
}
