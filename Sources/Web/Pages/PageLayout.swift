import Synthesis

/// The frame of every page: the head (the stylesheet and the one script, both served from the
/// binary), a top bar, the content. Every text from a record, a log or the protocol goes
/// through ``esc(_:)``.
enum PageLayout {
    /// `text` escaped for element content or a double-quoted attribute (``HTMLText/escape(_:)``, shared
    /// with the outputs).
    static func esc(_ text: String) -> String { HTMLText.escape(text) }

    /// A whole page. `csrf` is put in a `<meta>` element for the script and in every form.
    static func page(title: String, csrf: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="\(esc(csrf))">
        <title>\(esc(title))</title>
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <header class="topbar"><a href="/">scoping</a> <span class="where">\(esc(title))</span></header>
        \(body)
        </body>
        </html>

        """
    }

    /// A page that says what went wrong and what to do.
    /// `link`, when given, is a way on (a path of this server and its label).
    static func problem(title: String, message: String, link: (path: String, label: String)? = nil) -> String {
        let onward = link.map { "<p><a href=\"\(esc($0.path))\">\(esc($0.label))</a></p>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>\(esc(title))</title><link rel="stylesheet" href="/static/app.css"></head>
            <body><main class="problem"><h1>\(esc(title))</h1><p>\(esc(message))</p>\(onward)</main></body>
            </html>

            """
    }

    /// A full text shown in the page (the browser's PDF viewer in a frame), with a link to open it in a tab.
    static func pdf(_ relative: String) -> String {
        "<figure class=\"pdf\" id=\"pdf\">"
            + "<iframe src=\"/\(esc(relative))\" title=\"Full text \(esc(relative))\"></iframe>"
            + "<figcaption>Full text: <a href=\"/\(esc(relative))\" target=\"_blank\" rel=\"noopener\">"
            + "\(esc(relative))</a> (opens in a new tab)</figcaption></figure>\n"
    }

    /// A small form that posts one action (a button, with the CSRF token and the fields given).
    static func actionForm(
        action: String, csrf: String, fields: [(String, String)], label: String, key: String? = nil, extra: String = ""
    ) -> String {
        var html = "<form method=\"post\" action=\"\(esc(action))\" class=\"action\">"
        html += "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(csrf))\">"
        for (name, value) in fields { html += "<input type=\"hidden\" name=\"\(esc(name))\" value=\"\(esc(value))\">" }
        let keyAttribute = key.map { " data-key=\"\(esc($0))\" aria-keyshortcuts=\"\(esc($0))\"" } ?? ""
        html += "<button type=\"submit\"\(keyAttribute)\(extra)>\(label)</button></form>"
        return html
    }
}
