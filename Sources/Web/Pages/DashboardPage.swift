import Foundation
import Protocol
import Screening
import Synthesis
import Workspace

/// The dashboard (`/`): what `scoping status` says, agreement per stage, the PRISMA flow and
/// the outputs, read from the review folder at each load.
enum DashboardPage {
    /// The output files the dashboard links to, in this order, when they exist.
    static let outputs: [(name: String, label: String)] = [
        ("report.html", "The report"), ("gap-map.html", "The gap map"), ("matrix.csv", "The results matrix (CSV)"),
        ("prisma.svg", "The PRISMA flow diagram (SVG)"),
    ]

    /// - Parameter team: in team mode, the reviewer looking (their own pages only are linked).
    static func html(
        snapshot: ReviewSnapshot, status: ReviewStatus, agreement: [AgreementFigures], outputsPresent: Set<String>,
        csrf: String, team: String? = nil
    ) -> String {
        let proto = snapshot.loaded.reviewProtocol
        let language = proto.review.reportLanguage
        let esc = PageLayout.esc
        var html = "<main class=\"dashboard\">\n"
        if let team { html += teamNotice(reviewer: team) }
        let reviewers = proto.screening.reviewers.filter {
            DecisionLog.isValidReviewer($0) && (team == nil || $0 == team)
        }
        html += "<h1>\(esc(proto.review.title.text(in: language)))</h1>\n"
        for question in proto.review.questions {
            html += "<p class=\"question\">\(esc(question.text(in: language)))</p>\n"
        }
        html += "<p class=\"summary\">\(status.studies) studies, \(status.eligible) past the automatic criteria"
        let pairs = status.dedupAwaitingReview
        if pairs > 0 { html += "; \(pairs) duplicate pair\(pairs == 1 ? "" : "s") awaiting review" }
        html += "</p>\n"

        html +=
            "<section><h2>Screening</h2>\n<table class=\"status\"><thead><tr><th scope=\"col\">Stage</th>"
            + "<th scope=\"col\">Reviewer</th><th scope=\"col\">Screened</th><th scope=\"col\">Left</th>"
            + "<th scope=\"col\">Conflicts waiting</th><th scope=\"col\"></th></tr></thead>\n<tbody>\n"
        for stage in ScreeningStage.allCases {
            let rows = status.left.filter { $0.stage == stage }
            let conflicts = status.conflicts[stage]?.count ?? 0
            if rows.isEmpty {
                html +=
                    "<tr><th scope=\"row\">\(esc(stage.displayName))</th><td colspan=\"3\">no records yet</td>"
                    + "<td>\(conflicts)</td><td></td></tr>\n"
            }
            for row in rows {
                let link =
                    reviewers.contains(row.reviewer)
                    ? "<a href=\"\(esc(ScreeningPage.path(reviewer: row.reviewer, stage: stage)))\">screen</a>" : ""
                html +=
                    "<tr><th scope=\"row\">\(esc(stage.displayName))</th><td>\(esc(row.reviewer))</td>"
                    + "<td>\(row.assigned - row.left) of \(row.assigned)</td><td>\(row.left)</td><td>\(conflicts)</td>"
                    + "<td>\(row.assigned > 0 ? link : "")</td></tr>\n"
            }
        }
        html += "</tbody></table>\n"
        for stage in ScreeningStage.allCases {
            let conflicts = status.conflicts[stage] ?? []
            guard !conflicts.isEmpty else { continue }
            let shown = conflicts.prefix(10).map { esc($0.rawValue) }.joined(separator: ", ")
            html +=
                "<p class=\"conflicts\">Conflicts at \(esc(stage.displayName)): \(shown)"
                + (conflicts.count > 10 ? ", …" : "") + "</p>\n"
        }
        if status.conflicts.values.contains(where: { !$0.isEmpty }) {
            let links = reviewers.map {
                "<a href=\"\(esc(ReconcilePage.path(reviewer: $0)))\">as \(esc($0))</a>"
            }
            html += "<p class=\"reconcile\">Reconcile the conflicts: \(links.joined(separator: ", "))</p>\n"
        }
        html += "</section>\n"

        html +=
            "<section><h2>Charting</h2><p class=\"charting\">\(status.included) included, \(status.charted) charted, "
            + "\(status.verified) verified; \(status.toChart.count) to chart, \(status.toVerify.count) to verify</p>"
        if !status.toChart.isEmpty {
            let links = reviewers.map {
                "<a href=\"\(esc(ChartingPage.path(reviewer: $0)))\">as \(esc($0))</a>"
            }
            html += "<p class=\"chart\">Chart the included studies: \(links.joined(separator: ", "))</p>"
        }
        if !status.toVerify.isEmpty {
            let links = reviewers.map {
                "<a href=\"\(esc(ChartingPage.path(reviewer: $0, verify: true)))\">as \(esc($0))</a>"
            }
            html += "<p class=\"verify\">Verify the charting: \(links.joined(separator: ", "))</p>"
        }
        html += "</section>\n"

        html += "<section><h2>Agreement</h2>\n"
        if agreement.isEmpty {
            html += "<p>No record has two reviewers' decisions yet.</p>\n"
        } else {
            html +=
                "<table class=\"agreement\"><thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">Reviewers</th>"
                + "<th scope=\"col\">Records</th><th scope=\"col\">Agreement</th><th scope=\"col\">Cohen's κ (95% CI)</th>"
                + "<th scope=\"col\">PABAK</th></tr></thead><tbody>\n"
            for a in agreement {
                var kappa = number(a.kappa)
                if let lower = a.kappaLower, let upper = a.kappaUpper {
                    kappa += " (\(number(lower)) to \(number(upper)))"
                }
                html +=
                    "<tr><th scope=\"row\">\(esc(a.stage.displayName))</th><td>\(esc(a.reviewers.joined(separator: " and ")))</td>"
                    + "<td>\(a.records)</td><td>\(String(format: "%.1f%%", a.percentAgreement * 100))</td>"
                    + "<td>\(kappa)</td><td>\(number(a.pabak))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</section>\n"

        html +=
            "<section><h2>PRISMA flow</h2><img class=\"prisma\" src=\"/prisma.svg\" "
            + "alt=\"PRISMA 2020 flow diagram of the review as it stands\"></section>\n"

        html += "<section><h2>Outputs</h2><ul class=\"outputs\">\n"
        let present = outputs.filter { outputsPresent.contains($0.name) }
        for output in present {
            html +=
                "<li><a href=\"/output/\(esc(output.name))\" target=\"_blank\" rel=\"noopener\">\(esc(output.label))</a> "
                + "<code>output/\(esc(output.name))</code></li>\n"
        }
        if present.isEmpty { html += "<li>None yet: <code>scoping run</code> writes them.</li>\n" }
        html += "</ul></section>\n"

        if !snapshot.warnings.isEmpty {
            html += "<section class=\"warnings\"><h2>Warnings</h2><ul>\n"
            for warning in snapshot.warnings { html += "<li>\(esc(warning))</li>\n" }
            html += "</ul></section>\n"
        }
        html += "</main>\n"
        return PageLayout.page(title: proto.review.title.text(in: language), csrf: csrf, body: html)
    }

    /// Team mode's notice: who is signed in, and that the server has no TLS.
    static func teamNotice(reviewer: String) -> String {
        let esc = PageLayout.esc
        return
            "<section class=\"team-notice\" id=\"team-notice\"><p>Team mode: you are <strong>\(esc(reviewer))</strong> "
            + "and act only as yourself; your token is your own, do not share the link.</p>"
            + "<p><strong>This server has no TLS</strong>: what it sends, your token included, crosses the network "
            + "unencrypted. It belongs behind an SSH tunnel (<code>ssh -L 8765:127.0.0.1:8765 host</code>) or a "
            + "reverse proxy that speaks HTTPS, never open on a network you do not trust.</p></section>\n"
    }

    static func number(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "n/a" }
}
