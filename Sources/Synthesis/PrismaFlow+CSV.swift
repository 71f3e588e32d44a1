import Charting
import Protocol

extension PrismaFlow {
    /// `prisma.csv` in the layout of the PRISMA2020 R package's template (`inst/extdata/PRISMA.csv`:
    /// columns `data,node,box,description,boxtext,tooltips,url,n`), so that its Shiny app and
    /// `PRISMA_data()` redraw the diagram. Box texts stay in English, as the app expects.
    public static func csv(_ counts: PrismaCounts) -> String {
        func list(_ items: [PrismaCounts.Count], withID: Bool) -> String {
            items.map { "\(clean(withID && !$0.id.isEmpty ? "\($0.id) \($0.label.en)" : $0.label.en)), \($0.n)" }
                .joined(separator: "; ")
        }
        let reasons = "Reason1, xxx; Reason2, xxx; Reason3, xxx"
        let other = counts.otherMethods
        let previousStudies = counts.previousStudies.map(String.init) ?? "0"
        let previousReports = counts.previousReports.map(String.init) ?? "0"
        let registers =
            counts.perRegister.isEmpty
            ? "Register 1, xxx; Register 2, xxx; Register 3, xxx" : list(counts.perRegister, withID: false)
        // PRISMA2020 has three boxes for other methods: experts count with organisations.
        let websites = other?.records(of: .websites) ?? 0
        let organisations = (other?.records(of: .organisations) ?? 0) + (other?.records(of: .experts) ?? 0)
        let citations = other?.records(of: .citationSearching) ?? 0
        let otherExcluded =
            other.map { $0.excludedByReason.isEmpty ? "0" : list($0.excludedByReason, withID: true) } ?? reasons
        // (data, node, box, description, boxtext, tooltips, url, n)
        let rows: [[String]] = [
            [
                "NA", "node4", "prevstud", "Grey title box; Previous studies", "Previous studies",
                "Grey title box; Previous studies", "prevstud.html", "0",
            ],
            [
                "previous_studies", "node5", "box1", "Studies included in previous version of review",
                "Studies included in previous version of review", "Studies included in previous version of review",
                "previous_studies.html", previousStudies,
            ],
            [
                "previous_reports", "NA", "box1", "Reports of studies included in previous version of review",
                "Reports of studies included in previous version of review", "NA", "previous_reports.html",
                previousReports,
            ],
            [
                "NA", "node6", "newstud", "Yellow title box; Identification of new studies via databases and registers",
                "Identification of new studies via databases and registers",
                "Yellow title box; Identification of new studies via databases and registers", "newstud.html", "0",
            ],
            [
                "database_results", "node7", "box2", "Records identified from: Databases", "Databases",
                "Records identified from: Databases and Registers", "database_results.html",
                String(counts.databaseRecords),
            ],
            [
                "database_specific_results", "NA", "box2", "Records identified from: specific databases",
                "Specific Databases", "NA", "database_results.html", list(counts.perDatabase, withID: false),
            ],
            [
                "register_results", "NA", "box2", "Records identified from: Registers", "Registers", "NA", "NA",
                String(counts.registerRecords),
            ],
            [
                "register_specific_results", "NA", "box2", "Records identified from: specific registers",
                "Specific Registers", "NA", "database_results.html", registers,
            ],
            [
                "NA", "node16", "othstud", "Grey title box; Identification of new studies via other methods",
                "Identification of new studies via other methods",
                "Grey title box; Identification of new studies via other methods", "othstud.html", "0",
            ],
            [
                "website_results", "node17", "box11", "Records identified from: Websites", "Websites",
                "Records identified from: Websites, Organisations and Citation Searching", "website_results.html",
                String(websites),
            ],
            [
                "organisation_results", "", "box11", "Records identified from: Organisations", "Organisations", "NA",
                "NA", String(organisations),
            ],
            [
                "citations_results", "NA", "box11", "Records identified from: Citation searching", "Citation searching",
                "NA", "NA", String(citations),
            ],
            [
                "duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records",
                "duplicates.html", String(counts.duplicates),
            ],
            [
                "excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools",
                "Records marked as ineligible by automation tools", "NA", "NA", String(counts.automation),
            ],
            [
                "excluded_other", "NA", "box3", "Records removed for other reasons",
                "Records removed for other reasons", "NA", "NA", String(counts.otherRemovals),
            ],
            [
                "records_screened", "node9", "box4", "Records screened (databases and registers)", "Records screened",
                "Records screened (databases and registers)", "records_screened.html", String(counts.screened),
            ],
            [
                "records_excluded", "node10", "box5", "Records excluded (databases and registers)", "Records excluded",
                "Records excluded (databases and registers)", "records_excluded.html",
                String(counts.excludedAtScreening),
            ],
            [
                "dbr_sought_reports", "node11", "box6", "Reports sought for retrieval (databases and registers)",
                "Reports sought for retrieval", "Reports sought for retrieval (databases and registers)",
                "dbr_sought_reports.html", String(counts.sought),
            ],
            [
                "dbr_notretrieved_reports", "node12", "box7", "Reports not retrieved (databases and registers)",
                "Reports not retrieved", "Reports not retrieved (databases and registers)",
                "dbr_notretrieved_reports.html", String(counts.notRetrieved),
            ],
            [
                "other_sought_reports", "node18", "box12", "Reports sought for retrieval (other)",
                "Reports sought for retrieval", "Reports sought for retrieval (other)", "other_sought_reports.html",
                String(other?.sought ?? 0),
            ],
            [
                "other_notretrieved_reports", "node19", "box13", "Reports not retrieved (other)",
                "Reports not retrieved", "Reports not retrieved (other)", "other_notretrieved_reports.html",
                String(other?.notRetrieved ?? 0),
            ],
            [
                "dbr_assessed", "node13", "box8", "Reports assessed for eligibility (databases and registers)",
                "Reports assessed for eligibility", "Reports assessed for eligibility (databases and registers)",
                "dbr_assessed.html", String(counts.assessed),
            ],
            [
                "dbr_excluded", "node14", "box9",
                "Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]",
                "Reports excluded", "Reports excluded (databases and registers)", "dbrexcludedrecords.html",
                counts.excludedByReason.isEmpty ? "0" : list(counts.excludedByReason, withID: true),
            ],
            [
                "other_assessed", "node20", "box14", "Reports assessed for eligibility (other)",
                "Reports assessed for eligibility", "Reports assessed for eligibility (other)", "other_assessed.html",
                String(other?.assessed ?? 0),
            ],
            [
                "other_excluded", "node21", "box15",
                "Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]",
                "Reports excluded", "Reports excluded (other)", "other_excluded.html", otherExcluded,
            ],
            [
                "new_studies", "node15", "box10", "New studies included in review", "New studies included in review",
                "New studies included in review", "new_studies.html", String(counts.newStudies),
            ],
            [
                "new_reports", "NA", "box10", "Reports of new included studies", "Reports of new included studies",
                "NA", "NA", String(counts.newReports),
            ],
            [
                "total_studies", "node22", "box16", "Total studies included in review",
                "Total studies included in review", "Total studies included in review", "total_studies.html",
                String(counts.totalStudies),
            ],
            [
                "total_reports", "NA", "box16", "Reports of total included studies",
                "Reports of total included studies", "NA", "NA", String(counts.totalReports),
            ],
            [
                "identification", "node1", "identification", "Blue identification box", "Identification",
                "Blue identification box", "identification.html", "0",
            ],
            [
                "screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box",
                "screening.html", "0",
            ],
            [
                "included", "node3", "included", "Blue included box", "Included", "Blue included box", "included.html",
                "0",
            ],
        ]
        var out = "data,node,box,description,boxtext,tooltips,url,n\n"
        for row in rows {
            out += row.map { CSV.quote($0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A reason or database name without the `,` and `;` that the app splits on.
    static func clean(_ s: String) -> String {
        s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: ";", with: "")
    }
}
