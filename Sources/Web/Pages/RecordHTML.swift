import Bibliography
import Protocol
import Screening

/// A record as HTML for a reviewer: the same fields as the terminal UI (``Screening/RecordText``),
/// with include-leaning terms in `<mark class="lean-include">` and exclude-leaning ones in
/// `<mark class="lean-exclude">`: two styles that differ in shape as well as colour (solid
/// underline and bold; dashed box and italic), each with a `title` naming the criterion.
struct RecordHTML {
    var highlighter: Highlighter
    /// Authors and journal left out (the protocol's `hide_authors`, title/abstract), the year kept.
    var hideAuthors = false

    /// `text` escaped, with every highlight marked.
    func mark(_ text: String) -> String {
        var out = ""
        var cursor = text.startIndex
        for h in highlighter.highlights(in: text) {
            guard h.range.lowerBound >= cursor else { continue }
            out += PageLayout.esc(String(text[cursor..<h.range.lowerBound]))
            let lean = h.lean == .include ? "include" : "exclude"
            let title = "\(lean)-leaning term of \(h.criterion)"
            out +=
                "<mark class=\"lean-\(lean)\" title=\"\(PageLayout.esc(title))\">"
                + PageLayout.esc(String(text[h.range])) + "</mark>"
            cursor = h.range.upperBound
        }
        out += PageLayout.esc(String(text[cursor...]))
        return out
    }

    /// Title, authors and year, journal, the databases, abstract with its section labels, keywords, MeSH.
    func render(_ record: Record, foundIn sources: [String]) -> String {
        var html = "<h2 class=\"title\">" + mark(record.title.isEmpty ? "(no title)" : record.title) + "</h2>\n"
        let byline = Screening.RecordText.byline(record, hideAuthors: hideAuthors)
        if !byline.isEmpty { html += "<p class=\"byline\">\(PageLayout.esc(byline))</p>\n" }
        if hideAuthors {
            html += "<p class=\"hidden-authors\">\(PageLayout.esc(Screening.RecordText.hiddenAuthorsNote))</p>\n"
        } else if let journal = record.journal, !journal.isEmpty {
            html += "<p class=\"journal\">\(PageLayout.esc(journal))</p>\n"
        }
        if !sources.isEmpty {
            html += "<p class=\"found\">Found in: \(PageLayout.esc(sources.joined(separator: ", ")))</p>\n"
        }
        html += "<div class=\"abstract\">\n"
        if record.abstract.isEmpty {
            html += "<p class=\"none\">(no abstract)</p>\n"
        } else {
            for section in record.abstract.sections {
                let label = section.label.map { "<strong>\(PageLayout.esc($0.uppercased())):</strong> " } ?? ""
                html += "<p>\(label)\(mark(section.text))</p>\n"
            }
        }
        html += "</div>\n"
        if !record.keywords.isEmpty {
            html +=
                "<p class=\"keywords\"><strong>Keywords:</strong> \(mark(record.keywords.joined(separator: "; ")))</p>\n"
        }
        if !record.mesh.isEmpty {
            let mesh = record.mesh.map { $0.descriptor + ($0.isMajorTopic ? "*" : "") }.joined(separator: "; ")
            html += "<p class=\"mesh\"><strong>MeSH:</strong> \(mark(mesh))</p>\n"
        }
        return html
    }
}
