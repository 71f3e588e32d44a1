import Charting
public import Protocol

/// The markdown report, in English or Dutch from one template (``ReportStrings``).
///
/// Byte-identical for the same input: no clock, every list in a fixed order.
public enum Report {
    /// Renders `report.md`.
    ///
    /// - Parameters:
    ///   - language: the report's language (the protocol's `report_language` by default).
    ///   - fileLanguage: the language tag in the names of the files it links to (`prisma.en.svg`),
    ///     nil for the plain names (see ``SynthesisOutputs/fileName(_:language:)``).
    /// - Complexity: O(included studies × codebook fields + cells).
    public static func markdown(
        _ input: SynthesisInput, language: ReportLanguage? = nil, fileLanguage: ReportLanguage? = nil
    ) -> String {
        let lang = language ?? input.reviewProtocol.review.reportLanguage
        var s = ReportStrings.table(lang)
        s.fileLanguage = fileLanguage
        let proto = input.reviewProtocol
        let counts = PrismaCounts.make(from: input)
        let catalogue = StudyCatalogue(input)
        let gapMap = GapMap.make(from: input)
        var out = "# " + Markdown.escape(proto.review.title.text(in: lang)) + "\n\n"

        // Title block.
        if !proto.review.authors.isEmpty {
            out +=
                "**" + s.authors + ":** "
                + proto.review.authors.map { author in
                    Markdown.escape(author.name) + (author.affiliation.map { " (" + Markdown.escape($0) + ")" } ?? "")
                }.joined(separator: "; ") + "\n\n"
        }
        out += "**" + (proto.review.questions.count == 1 ? s.question : s.questions) + "**\n\n"
        for (i, q) in proto.review.questions.enumerated() {
            out += "\(i + 1). " + Markdown.escape(q.text(in: lang)) + "\n"
        }
        out += "\n"
        if !counts.isConsistent {
            out += "> **" + s.problemsTitle + "**\n>\n"
            for problem in counts.problems where problem.isError {
                out += "> - " + Markdown.escape(problem.description) + "\n"
            }
            out += "\n"
        }

        out += methods(input, counts, catalogue, s)
        out += results(input, counts, catalogue, gapMap, s)

        // References.
        out += "## " + s.references + "\n\n"
        for entry in catalogue.entries {
            out += "\(entry.number). " + Markdown.escape(Vancouver.reference(entry.study.record)) + "\n"
        }
        out += "\n"

        // Appendix.
        out += "## " + s.appendix + "\n\n"
        let excluded = input.fullText.excluded.sorted { a, b in
            let ra = Vancouver.reference(a.study.record)
            let rb = Vancouver.reference(b.study.record)
            return ra != rb ? ra < rb : a.study.key < b.study.key
        }
        if excluded.isEmpty {
            out += s.noExcluded + "\n"
        } else {
            let rows = excluded.map { report in
                [
                    Markdown.escape(Vancouver.reference(report.study.record)),
                    report.reason
                        + (proto.criterion(report.reason).map { ": " + Markdown.escape($0.label.text(in: lang)) } ?? ""),
                ]
            }
            out += Markdown.table(header: [s.studyColumn, s.reasonColumn], rows: rows)
        }
        return out
    }

    static func methods(
        _ input: SynthesisInput, _ counts: PrismaCounts, _ catalogue: StudyCatalogue, _ s: ReportStrings
    ) -> String {
        let lang = s.language
        let proto = input.reviewProtocol
        var out = "## " + s.methods + "\n\n"
        out += "### " + s.protocolAndRegistration + "\n\n" + s.protocolSentence(proto.review.registration) + "\n\n"

        out += "### " + s.eligibility + "\n\n"
        out += "- **" + s.population + ":** " + Markdown.escape(proto.pcc.population.text(in: lang)) + "\n"
        out += "- **" + s.concept + ":** " + Markdown.escape(proto.pcc.concept.text(in: lang)) + "\n"
        out += "- **" + s.context + ":** " + Markdown.escape(proto.pcc.context.text(in: lang)) + "\n\n"
        out +=
            Markdown.table(
                header: ["", s.criterionColumn, s.stageColumn],
                rows: proto.criteria.map { c in
                    [c.id, Markdown.escape(c.label.text(in: lang)), s.stageName(c.stage)]
                }) + "\n"

        out += "### " + s.sources + "\n\n"
        out += sourcesSection(input, s)
        out += "### " + s.selection + "\n\n"
        for plan in proto.screening.stages {
            let stageName = plan.stage == .titleAbstract ? s.stageTitleAbstract : s.stageFullText
            let reviewers = s.list(Self.reviewers(at: plan.stage, perRecord: plan.reviewersPerRecord, input: input))
            out +=
                s.screeningSentence(reviewers, stageName, plan.reviewersPerRecord, plan.blinded, plan.pilotSize) + " "
        }
        out += s.conflictSentence + "\n\n"
        if !input.agreement.isEmpty {
            out += "#### " + s.agreementTitle + "\n\n"
            let rows = input.agreement.sorted { $0.stage.rawValue > $1.stage.rawValue }.map { a -> [String] in
                var kappa = a.kappa.map { s.decimal($0) } ?? "–"
                if let lo = a.kappaLower, let hi = a.kappaUpper {
                    kappa += " (" + s.decimal(lo) + " – " + s.decimal(hi) + ")"
                }
                return [
                    a.stage == .titleAbstract ? s.stageTitleAbstract : s.stageFullText, s.list(a.reviewers),
                    String(a.records), s.percent(a.percentAgreement), kappa, a.pabak.map { s.decimal($0) } ?? "–",
                    String(a.conflictsResolved),
                ]
            }
            out += Markdown.table(header: s.agreementHeader, rows: rows) + "\n"
        }

        out += "### " + s.automationTitle + "\n\n"
        out +=
            "- " + s.dedupSentence(input.dedup.recordsIn, input.dedup.uniqueRecords, input.dedup.duplicateGroups)
            + (input.dedup.decidedByPerson > 0 ? " " + s.dedupDecidedSentence(input.dedup.decidedByPerson) : "") + "\n"
        if proto.autoCriteria.isEmpty {
            out += "- " + s.noAutomaticCriteria + "\n"
        } else {
            out += "- " + s.automaticCriteriaSentence(counts.automation) + " "
            out +=
                proto.autoCriteria.map { c in
                    "\(c.id) (" + Markdown.escape(c.label.text(in: lang)) + "): \(input.automaticExclusions[c.id] ?? 0)"
                }.joined(separator: "; ") + ".\n"
        }
        out += "- " + Markdown.escape(input.automation.ranking?.text(in: lang) ?? s.rankingNone) + "\n"
        out += "- " + Markdown.escape(input.automation.stoppingEvidence?.text(in: lang) ?? s.stoppingNone) + "\n"
        if let tool = input.automation.tool { out += "- `" + tool + "`\n" }
        if let changes = input.automation.protocolChanges {
            out += "- " + Markdown.escape(changes.text(in: lang)) + "\n"
        }
        out += "\n"

        out += "### " + s.chartingTitle + "\n\n"
        let charted = catalogue.entries.filter { $0.charting?.isCharted == true }.count
        let verified = catalogue.entries.filter { $0.charting?.isVerified == true }.count
        out += s.chartingSentence(proto.codebook.fields.count, charted, verified, catalogue.entries.count) + " "
        out += proto.codebook.fields.map { Markdown.escape($0.label.text(in: lang)) }.joined(separator: "; ") + ".\n\n"
        return out
    }

    static func results(
        _ input: SynthesisInput, _ counts: PrismaCounts, _ catalogue: StudyCatalogue, _ gapMap: GapMap?,
        _ s: ReportStrings
    ) -> String {
        let lang = s.language
        let proto = input.reviewProtocol
        var out = "## " + s.results + "\n\n"
        out += "### " + s.flowSubtitle + "\n\n"
        out += s.flowSentence(counts.identified, counts.screened, counts.assessed, counts.studiesIncluded)
        let t = SourceStrings.table(lang)
        if let other = counts.otherMethods {
            out += " " + t.otherMethodsSentence(other.identified, other.assessed - other.excludedAtFullText)
        }
        if let previous = counts.previousStudies {
            out += " " + t.previousResultsSentence(previous, counts.newStudies, counts.totalStudies)
        }
        out += "\n\n"
        if let missing = input.previousVersion?.notFoundAgain, !missing.isEmpty {
            out += t.notFoundAgainSentence(missing.count) + "\n\n"
            for r in missing {
                out += "- " + Markdown.escape(Vancouver.reference(r)) + "\n"
            }
            out += "\n"
        }
        out += PrismaFlow.mermaid(counts, language: lang) + "\n"
        out += "[" + s.flowPicture + "](" + s.file("prisma.svg") + ")\n\n"

        // Characteristics: year and every choice field not used by the matrix.
        out += "### " + s.characteristics + "\n\n"
        let matrixFields: Set<String> = [proto.matrix?.rows, proto.matrix?.columns].compactMap { $0 }.reduce(into: []) {
            $0.insert($1)
        }
        let shown = proto.codebook.fields.filter {
            ($0.type == .singleChoice || $0.type == .multipleChoice) && !matrixFields.contains($0.id)
        }
        // An updated review tells the earlier version's studies from the new ones.
        let earlier = input.previousVersion?.includedStudies
        var header = ["#", s.studyColumn, s.yearColumn]
        if earlier != nil { header.append(t.versionColumn) }
        header += shown.map { Markdown.escape($0.label.text(in: lang)) }
        var rows: [[String]] = []
        for entry in catalogue.entries {
            var row = [
                String(entry.number), Markdown.escape(entry.label), entry.study.record.year.map(String.init) ?? "",
            ]
            if let earlier { row.append(earlier.contains(entry.key) ? t.earlierStudy : t.newStudy) }
            for field in shown {
                if let value = entry.charting?.values[field.id] {
                    row.append(Markdown.escape(value.display(for: field, in: lang)))
                } else {
                    row.append(entry.charting == nil ? "_" + s.notCharted + "_" : "")
                }
            }
            rows.append(row)
        }
        out += Markdown.table(header: header, rows: rows) + "\n"
        for field in proto.codebook.fields where field.type == .singleChoice {
            var tally: [String: Int] = [:]
            for entry in catalogue.entries {
                for id in entry.charting?.values[field.id]?.choiceIDs ?? [] { tally[id, default: 0] += 1 }
            }
            guard !tally.isEmpty else { continue }
            let parts = field.choices.filter { (tally[$0.id] ?? 0) > 0 }.map {
                Markdown.escape($0.label.text(in: lang)) + " \(tally[$0.id] ?? 0)"
            }
            out += "**" + s.tallyTitle(field.label.text(in: lang)) + ":** " + parts.joined(separator: "; ") + ".\n\n"
        }

        out += "### " + s.matrixTitle + "\n\n" + s.matrixSentence(s.file("matrix.md"), s.file("matrix.csv")) + "\n\n"
        if let gapMap {
            out += "#### " + s.gapMapSubtitle + "\n\n" + s.gapMapSentence + "\n\n"
            out += gapMap.markdownTable(s) + "\n"
            out += "![" + s.gapMapTitle + "](" + s.file("gap-map.svg") + ")\n\n"
            out += perIntervention(input, catalogue, gapMap, s)
            out += "### " + s.knowledgeGaps + "\n\n" + gapMap.gapList(s) + "\n"
        }

        out += "### " + s.ongoingStudies + "\n\n"
        if catalogue.ongoing.isEmpty {
            out += s.noOngoing + "\n\n"
        } else {
            for entry in catalogue.ongoing {
                out +=
                    "- " + entry.citation + " " + Markdown.escape(entry.label) + ": "
                    + Markdown.escape(entry.study.record.title)
                if let rowField = proto.matrix.flatMap({ proto.codebook.field($0.rows) }),
                    let value = entry.charting?.values[rowField.id]
                {
                    out += " (" + Markdown.escape(value.display(for: rowField, in: lang)) + ")"
                }
                if let trial = entry.study.record.trial {
                    // The register's own words: number, status, (planned) completion.
                    let facts = [trial.registrationID, trial.status, trial.completionDate.map(\.iso)].compactMap { $0 }
                    out += " [" + Markdown.escape(facts.joined(separator: ", ")) + "]"
                }
                out += "\n"
            }
            out += "\n"
        }
        return out
    }

    /// Per row of the matrix (intervention type): its completed studies with key findings.
    static func perIntervention(
        _ input: SynthesisInput, _ catalogue: StudyCatalogue, _ gapMap: GapMap, _ s: ReportStrings
    ) -> String {
        let lang = s.language
        let codebook = input.reviewProtocol.codebook
        let findingsField = codebook.fields.first { $0.type == .findings }
        let keyFindingsField = codebook.field("key_findings")
        let designField = codebook.field("design")
        var out = "### " + s.perIntervention + "\n\n"
        for row in gapMap.rows {
            let studies = catalogue.completed.filter { entry in
                GapMap.ids(entry.charting?.values[gapMap.spec.rows]).contains(row.id)
            }
            out += "#### " + Markdown.escape(row.label.text(in: lang)) + "\n\n"
            if studies.isEmpty {
                out += s.noStudies + "\n\n"
                continue
            }
            for entry in studies {
                var line = "- " + entry.citation + " " + Markdown.escape(entry.label)
                if let designField, let design = entry.charting?.values[designField.id] {
                    line += " (" + Markdown.escape(design.display(for: designField, in: lang)) + ")"
                }
                if let keyFindingsField, let text = entry.charting?.values[keyFindingsField.id], !text.isEmpty {
                    line += ": " + Markdown.escape(text.display(for: keyFindingsField, in: lang))
                }
                if let findingsField, let findings = entry.charting?.values[findingsField.id]?.findingList,
                    !findings.isEmpty
                {
                    line +=
                        " — "
                        + findings.map { f in
                            Markdown.escape(findingsField.choice(f.outcome)?.label.text(in: lang) ?? f.outcome) + " "
                                + GapMap.symbol(f.direction)
                        }.joined(separator: ", ")
                }
                out += line + "\n"
            }
            out += "\n"
        }
        return out
    }
}

extension Report {
    /// The reviewers the methods name for `stage`: those who decided records in it (protocol
    /// order first); while fewer than `perRecord` have, the protocol's next reviewers too.
    static func reviewers(at stage: ScreeningStage, perRecord: Int, input: SynthesisInput) -> [String] {
        let logName = stage == .titleAbstract ? "title-abstract" : "full-text"
        let decided = Set(input.decisions.filter { $0.stage == logName && $0.decision != "retract" }.map(\.reviewer))
        let planned = input.reviewProtocol.screening.reviewers
        var names = planned.filter(decided.contains) + decided.subtracting(planned).sorted()
        for name in planned where names.count < max(1, perRecord) && !names.contains(name) { names.append(name) }
        return names
    }
}
