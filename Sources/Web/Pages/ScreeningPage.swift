import Protocol
import Screening

/// The screening page of one reviewer at one stage: the record, the criteria panel with a
/// button per action, and the keys of the terminal UI. The part inside `<div id="desk">` is
/// also sent alone (``desk(_:csrf:)``) after each action, so the next record appears without
/// a full page load.
enum ScreeningPage {
    /// `/screen/<reviewer>/<stage>`.
    static func path(reviewer: String, stage: ScreeningStage) -> String {
        "/screen/\(reviewer)/\(stage.commandLineName)"
    }

    /// The whole page.
    static func html(_ view: DeskView, csrf: String) -> String {
        let title = "\(view.reviewer) · \(view.stage.displayName) screening"
        let body = """
            <main class="screening">
            <div id="desk" data-stage="\(PageLayout.esc(view.stage.commandLineName))">
            \(desk(view, csrf: csrf))
            </div>
            \(help)
            </main>
            """
        return PageLayout.page(title: title, csrf: csrf, body: body)
    }

    /// The part that changes after each action: message, status line, record and panel.
    static func desk(_ view: DeskView, csrf: String) -> String {
        let action = path(reviewer: view.reviewer, stage: view.stage)
        var html = ""
        let messageClass = view.isProblem ? "message problem" : "message"
        html +=
            "<p class=\"\(messageClass)\" role=\"status\" id=\"message\">\(PageLayout.esc(view.message ?? ""))</p>\n"
        html += "<p class=\"status-line\" id=\"status-line\">\(PageLayout.esc(view.statusLine))</p>\n"
        guard let record = view.record else {
            html +=
                "<section class=\"record done\"><h2>Nothing left to screen at \(PageLayout.esc(view.stage.displayName)) "
                + "for \(PageLayout.esc(view.reviewer)).</h2><p><a href=\"/\">Back to the dashboard</a></p></section>\n"
            html +=
                "<aside class=\"panel\">"
                + PageLayout.actionForm(
                    action: action, csrf: csrf, fields: [("action", "undo")], label: "<kbd>u</kbd> undo", key: "u")
                + "</aside>\n"
            return html
        }
        let key = record.key.rawValue
        var header = "\(view.position) · \(key)"
        if let previous = view.previous { header += " · your decision: \(previous)" }
        html += "<section class=\"record\" id=\"record\" data-record=\"\(PageLayout.esc(key))\">\n"
        html += "<p class=\"record-header\">\(PageLayout.esc(header))</p>\n"
        if view.randomCheck {
            html +=
                "<p class=\"random-check\" role=\"note\">\(PageLayout.esc(ScreeningSession.randomCheckNotice))</p>\n"
        }
        html += RecordHTML(highlighter: view.highlighter, hideAuthors: view.hideAuthors).render(
            record, foundIn: view.databases)
        if view.stage == .fullText, view.fullText == nil {
            html +=
                "<p class=\"fulltext\">Full text: none in fulltext/ (<kbd>r</kbd> if it cannot be retrieved)</p>\n"
        }
        html += "</section>\n"
        // The PDF beside the record, between it and the panel.
        if view.stage == .fullText, let fullText = view.fullText { html += PageLayout.pdf(fullText) }

        html += "<aside class=\"panel\" aria-label=\"Decisions and criteria\">\n"
        html += "<div class=\"decisions\">"
        html += PageLayout.actionForm(
            action: action, csrf: csrf, fields: [("action", "include"), ("key", key)], label: "<kbd>i</kbd> include",
            key: "i",
            extra: " class=\"include\"")
        html += PageLayout.actionForm(
            action: action, csrf: csrf, fields: [("action", "maybe"), ("key", key)], label: "<kbd>m</kbd> maybe",
            key: "m")
        if view.stage == .fullText {
            html += PageLayout.actionForm(
                action: action, csrf: csrf, fields: [("action", "not-retrieved"), ("key", key)],
                label: "<kbd>r</kbd> not retrievable", key: "r")
        }
        html += PageLayout.actionForm(
            action: action, csrf: csrf, fields: [("action", "later"), ("key", key)], label: "<kbd>s</kbd> later",
            key: "s")
        html += PageLayout.actionForm(
            action: action, csrf: csrf, fields: [("action", "undo")], label: "<kbd>u</kbd> undo", key: "u")
        html += "</div>\n"
        html += "<h3>Exclude <span class=\"hint\">(<kbd>e</kbd> then the number)</span></h3>\n<ol class=\"criteria\">\n"
        for (i, criterion) in view.criteria.enumerated() {
            let n = i + 1
            let label =
                "<kbd>\(n)</kbd> <span class=\"criterion-id\">\(PageLayout.esc(criterion.id))</span> "
                + PageLayout.esc(criterion.label.text(in: view.language))
            html +=
                "<li>"
                + PageLayout.actionForm(
                    action: action, csrf: csrf,
                    fields: [("action", "exclude"), ("key", key), ("reason", criterion.id)],
                    label: label, extra: " class=\"exclude\" data-reason-index=\"\(n)\"")
            if let description = criterion.description?.text(in: view.language), !description.isEmpty {
                html += "<p class=\"criterion-description\">\(PageLayout.esc(description))</p>"
            }
            html += "</li>\n"
        }
        html += "</ol>\n"
        html +=
            "<form method=\"post\" action=\"\(PageLayout.esc(action))\" class=\"note\">"
            + "<input type=\"hidden\" name=\"csrf\" value=\"\(PageLayout.esc(csrf))\">"
            + "<input type=\"hidden\" name=\"action\" value=\"note\"><input type=\"hidden\" name=\"key\" value=\"\(PageLayout.esc(key))\">"
            + "<label for=\"note\"><kbd>n</kbd> note for the next decision</label>"
            + "<input type=\"text\" id=\"note\" name=\"note\" value=\"\(PageLayout.esc(view.note ?? ""))\" autocomplete=\"off\">"
            + "<button type=\"submit\">keep note</button></form>\n"
        html +=
            "<form method=\"post\" action=\"\(PageLayout.esc(action))\" class=\"find\">"
            + "<input type=\"hidden\" name=\"csrf\" value=\"\(PageLayout.esc(csrf))\">"
            + "<input type=\"hidden\" name=\"action\" value=\"find\">"
            + "<label for=\"find\"><kbd>/</kbd> find a record (key or words of the title)</label>"
            + "<input type=\"search\" id=\"find\" name=\"note\" autocomplete=\"off\">"
            + "<button type=\"submit\">find</button></form>\n"
        html +=
            "<p class=\"legend\"><mark class=\"lean-include\">include-leaning</mark> "
            + "<mark class=\"lean-exclude\">exclude-leaning</mark> terms of the criteria</p>\n"
        html += "</aside>\n"
        return html
    }

    /// The keys, as in the terminal UI (`?` shows and hides it).
    static let help = """
        <section id="help" class="help" hidden>
        <h3>Keys</h3>
        <dl>
        <dt><kbd>i</kbd></dt><dd>include</dd>
        <dt><kbd>e</kbd> then <kbd>1</kbd>–<kbd>9</kbd></dt><dd>exclude for that criterion (<kbd>Esc</kbd> cancels)</dd>
        <dt><kbd>m</kbd></dt><dd>maybe</dd>
        <dt><kbd>r</kbd></dt><dd>not retrievable (full text)</dd>
        <dt><kbd>n</kbd></dt><dd>note for the next decision on this record</dd>
        <dt><kbd>u</kbd></dt><dd>undo the last decision</dd>
        <dt><kbd>s</kbd></dt><dd>later: put this record off</dd>
        <dt><kbd>/</kbd></dt><dd>find a record by key or words of its title (a decided one can be decided again)</dd>
        <dt><kbd>?</kbd></dt><dd>this help</dd>
        </dl>
        </section>
        """
}
