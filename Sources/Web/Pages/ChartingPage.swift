import Bibliography
import Charting
import Protocol
import Workspace

/// The charting page of one reviewer (`/chart/<reviewer>`): the next included study still to
/// chart, its record, and a form per codebook field not charted yet, prefilled with the value
/// or the tool's suggestion (marked as such, with its evidence). A field is confirmed (or
/// corrected) one at a time and goes to `charting/<reviewer>.jsonl`, as in `scoping chart`.
enum ChartingPage {
    static func path(reviewer: String, verify: Bool = false) -> String {
        "/chart/\(reviewer)" + (verify ? "/verify" : "")
    }

    struct View {
        var reviewer: String
        /// Verifying another reviewer's charting (`scoping chart --verify`).
        var verify: Bool
        var study: Study?
        /// 1-based position of the study and the number of studies to chart.
        var number: Int
        var total: Int
        var rows: [FormRow]
        var language: ReportLanguage
        var highlighter: Highlighter
        var message: String?
        var isProblem: Bool
        /// `fulltext/<key>.pdf` when there is one.
        var fullText: String? = nil
    }

    static func html(_ view: View, csrf: String) -> String {
        let esc = PageLayout.esc
        var html = "<main class=\"charting\">\n<h1>\(view.verify ? "Verifying the charting" : "Charting")</h1>\n"
        html +=
            "<p class=\"\(view.isProblem ? "message problem" : "message")\" role=\"status\" id=\"message\">"
            + "\(esc(view.message ?? ""))</p>\n"
        guard let study = view.study else {
            html +=
                "<p class=\"none\" id=\"nothing-to-chart\">No included study is left to \(view.verify ? "verify" : "chart").</p>\n"
                + "<p><a href=\"/\">Back to the dashboard</a></p>\n</main>\n"
            return PageLayout.page(title: "\(view.reviewer) · charting", csrf: csrf, body: html)
        }
        let key = study.key.rawValue
        let page = path(reviewer: view.reviewer, verify: view.verify)
        html += "<div class=\"chart-grid\"><div class=\"chart-main\">\n"
        html +=
            "<p class=\"hint keys\">Keys, as in <code>scoping chart</code>: the first field has the focus; "
            + "<kbd>Enter</kbd> confirms the value shown, or type another (<code>-</code> not reported); "
            + "<kbd>Esc</kbd> leaves the field; <kbd>s</kbd> skips to the next study; <kbd>?</kbd> all keys.</p>\n"
        html += "<section class=\"record\" id=\"record\" data-record=\"\(esc(key))\">\n"
        html += "<p class=\"record-header\">study \(view.number) of \(view.total) · \(esc(key))"
        if view.number < view.total {
            html +=
                " · <a id=\"skip-study\" href=\"\(esc(page))?at=\(view.number + 1)\"><kbd>s</kbd> skip to study "
                + "\(view.number + 1)</a>"
        }
        html += "</p>\n"
        html += RecordHTML(highlighter: view.highlighter).render(study.record, foundIn: study.databases)
        html += "</section>\n<section class=\"form\"><h2>Codebook</h2>\n"
        html +=
            "<p class=\"hint\">Confirm a prefilled value or type another; <code>-</code> for not reported. "
            + "Choices by id, number or label, separated by commas; findings as <code>outcome:direction</code>.</p>\n"
        for row in view.rows {
            let field = row.field
            let prefill = row.prefill
            html +=
                "<form method=\"post\" action=\"\(esc(path(reviewer: view.reviewer, verify: view.verify)))\" class=\"field\" "
                + "data-field=\"\(esc(field.id))\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(csrf))\">"
                + "<input type=\"hidden\" name=\"key\" value=\"\(esc(key))\">"
                + "<input type=\"hidden\" name=\"field\" value=\"\(esc(field.id))\">"
                + "<input type=\"hidden\" name=\"at\" value=\"\(view.number)\">"
            html +=
                "<label for=\"field-\(esc(field.id))\"><strong>\(esc(field.label.text(in: view.language)))</strong> "
                + "<code>\(esc(field.id))</code>\(field.required ? " (required)" : "")</label>"
            if !field.choices.isEmpty {
                let choices = field.choices.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(
                    separator: " · ")
                html += "<span class=\"choices\">\(esc(choices))</span>"
            }
            let value = prefill.map { FieldValueText.typed($0.value) } ?? ""
            html +=
                "<input type=\"text\" id=\"field-\(esc(field.id))\" name=\"value\" value=\"\(esc(value))\" autocomplete=\"off\">"
            if let prefill, prefill.isSuggestion, let suggestion = row.suggestion {
                let evidence = suggestion.evidence.isEmpty ? "" : " from " + suggestion.evidence.joined(separator: "; ")
                html += "<span class=\"suggested\">suggested\(esc(evidence))</span>"
            }
            html += "<button type=\"submit\">confirm</button></form>\n"
        }
        html += "</section>\n<p><a href=\"/\">Back to the dashboard</a></p>\n</div>\n"
        if let fullText = view.fullText { html += PageLayout.pdf(fullText) }
        html += "</div>\n\(help)</main>\n"
        return PageLayout.page(title: "\(view.reviewer) · charting", csrf: csrf, body: html)
    }

    /// The keys (`?` shows and hides them).
    static let help = """
        <section id="help" class="help" hidden>
        <h3>Keys</h3>
        <dl>
        <dt><kbd>Enter</kbd></dt><dd>in a field: confirm the value shown (or the one typed)</dd>
        <dt><code>-</code></dt><dd>typed in a field: not reported</dd>
        <dt><kbd>Esc</kbd></dt><dd>leave the field</dd>
        <dt><kbd>Tab</kbd></dt><dd>the next field</dd>
        <dt><kbd>s</kbd></dt><dd>skip to the next study</dd>
        <dt><kbd>?</kbd></dt><dd>this help</dd>
        </dl>
        </section>
        """
}
