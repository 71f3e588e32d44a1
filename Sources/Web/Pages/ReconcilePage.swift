import Protocol
import Screening
import Workspace

/// The conflicts page of one reconciling reviewer (`/reconcile/<reviewer>`): every unresolved
/// conflict (the same as `scoping conflicts`: both reviewers have decided and disagree), the
/// record, each reviewer's decision, reason and note side by side, and a form for the final
/// decision with a reason and a note.
enum ReconcilePage {
    static func path(reviewer: String) -> String { "/reconcile/\(reviewer)" }

    static func html(
        reviewer: String, conflicts: [Conflict], snapshot: ReviewSnapshot, message: String?, isProblem: Bool,
        csrf: String
    ) -> String {
        let proto = snapshot.loaded.reviewProtocol
        let language = proto.review.reportLanguage
        let esc = PageLayout.esc
        let studies = Dictionary(snapshot.studies.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var html = "<main class=\"reconcile\">\n<h1>Conflicts to reconcile</h1>\n"
        html +=
            "<p class=\"\(isProblem ? "message problem" : "message")\" role=\"status\" id=\"message\">"
            + "\(esc(message ?? ""))</p>\n"
        html +=
            "<p>Your final decisions go into <code>screening/\(esc(reviewer)).jsonl</code> (stage <code>reconcile</code>), "
            + "as with <code>scoping reconcile --reviewer \(esc(reviewer))</code>.</p>\n"
        if conflicts.isEmpty {
            html += "<p class=\"none\" id=\"no-conflicts\">No unresolved conflicts.</p>\n"
        } else {
            html +=
                "<p class=\"hint keys\">Keys, as in <code>scoping reconcile</code>, for the conflict in the frame: "
                + "<kbd>i</kbd> include, <kbd>e</kbd> then the reason's number exclude, <kbd>r</kbd> not retrievable "
                + "(full text), <kbd>n</kbd> a note first, <kbd>s</kbd> skip to the next conflict, <kbd>?</kbd> all keys."
                + "</p>\n"
        }
        for (n, conflict) in conflicts.enumerated() {
            let key = conflict.key.rawValue
            // The first conflict is the one the keys act on (`s` moves on).
            html +=
                "<section class=\"conflict\(n == 0 ? " current" : "")\" data-record=\"\(esc(key))\" "
                + "data-stage=\"\(esc(conflict.stage.commandLineName))\">\n"
            html +=
                "<p class=\"record-header\">conflict \(n + 1) of \(conflicts.count) · \(esc(conflict.stage.displayName)) · "
                + "\(esc(key))</p>\n"
            if let study = studies[conflict.key] {
                html += RecordHTML(highlighter: proto.highlighter(for: conflict.stage)).render(
                    study.record, foundIn: study.databases)
            }
            html +=
                "<table class=\"votes\"><thead><tr><th scope=\"col\">Reviewer</th><th scope=\"col\">Decision</th>"
                + "<th scope=\"col\">Reason</th><th scope=\"col\">Note</th></tr></thead><tbody>\n"
            for d in conflict.decisions {
                var reason = d.reason ?? ""
                if let id = d.reason, let c = proto.criterion(id) { reason += " " + c.label.text(in: language) }
                html +=
                    "<tr><th scope=\"row\">\(esc(d.reviewer))</th><td>\(esc(d.decision.rawValue))</td>"
                    + "<td>\(esc(reason))</td><td>\(esc(d.note ?? ""))</td></tr>\n"
            }
            html += "</tbody></table>\n"
            let action = path(reviewer: reviewer)
            html +=
                "<form method=\"post\" action=\"\(esc(action))\" class=\"final\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(csrf))\">"
                + "<input type=\"hidden\" name=\"key\" value=\"\(esc(key))\">"
                + "<input type=\"hidden\" name=\"stage\" value=\"\(esc(conflict.stage.commandLineName))\">"
                + "<label>Final decision <select name=\"decision\">"
                + "<option value=\"include\">include</option>"
            for (i, c) in proto.criteria(for: conflict.stage).enumerated() {
                html +=
                    "<option value=\"exclude:\(esc(c.id))\" data-reason-index=\"\(i + 1)\">exclude (e \(i + 1)): "
                    + "\(esc(c.id)) \(esc(c.label.text(in: language)))</option>"
            }
            if conflict.stage == .fullText { html += "<option value=\"not-retrieved\">not retrievable</option>" }
            html +=
                "</select></label> <label><kbd>n</kbd> Note <input type=\"text\" name=\"note\" autocomplete=\"off\"></label> "
                + "<button type=\"submit\">record the final decision</button></form>\n"
            html += "</section>\n"
        }
        html += "<p><a href=\"/\">Back to the dashboard</a></p>\n\(help)</main>\n"
        return PageLayout.page(title: "\(reviewer) · reconcile", csrf: csrf, body: html)
    }

    /// The keys (`?` shows and hides them).
    static let help = """
        <section id="help" class="help" hidden>
        <h3>Keys</h3>
        <dl>
        <dt><kbd>i</kbd></dt><dd>final decision: include</dd>
        <dt><kbd>e</kbd> then <kbd>1</kbd>–<kbd>9</kbd></dt><dd>exclude for that reason (<kbd>Esc</kbd> cancels)</dd>
        <dt><kbd>r</kbd></dt><dd>final decision: not retrievable (full text)</dd>
        <dt><kbd>n</kbd></dt><dd>a note for the final decision (Enter keeps it)</dd>
        <dt><kbd>s</kbd></dt><dd>skip to the next conflict</dd>
        <dt><kbd>?</kbd></dt><dd>this help</dd>
        </dl>
        </section>
        """
}
