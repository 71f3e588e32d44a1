import Foundation
public import Protocol

/// `report.html`: the report as one self-contained page for readers who do not open markdown.
/// It is rendered from the very text of `report.md` (``Report/markdown(_:language:fileLanguage:)``
/// through ``MarkdownHTML``), with a table of contents, the PRISMA flow and the gap map as
/// inline SVG in place of the Mermaid block and the image link, a link to `gap-map.html`, and
/// print styles that start each section on a new page.
public enum ReportPage {
    /// Renders the page. Byte-identical for the same input.
    ///
    /// - Complexity: O(length of the report).
    public static func html(_ input: SynthesisInput, language: ReportLanguage, fileLanguage: ReportLanguage? = nil)
        -> String
    {
        var s = ReportStrings.table(language)
        s.fileLanguage = fileLanguage
        let p = PageStrings.table(language)
        let markdown = Report.markdown(input, language: language, fileLanguage: fileLanguage)
        let counts = PrismaCounts.make(from: input)
        let title = input.reviewProtocol.review.title.text(in: language)
        let prisma = inlineSVG(PrismaFlow.svg(counts, language: language), prefix: "prisma")
        let gapMap = GapMap.make(from: input)
        let gapMapSVG = gapMap.map { inlineSVG($0.svg(language: language, title: title), prefix: "gap-map") }
        let gapMapPage = s.file("gap-map.html")

        var renderer = MarkdownHTML()
        renderer.codeBlock = { lang, _ in
            lang == "mermaid" ? "<figure class=\"prisma\">\n" + prisma + "</figure>\n" : nil
        }
        renderer.imageBlock = { alt, source in
            guard source == s.file("gap-map.svg"), let gapMapSVG else { return nil }
            return "<figure class=\"gap-map\" aria-label=\"" + HTMLText.escape(alt) + "\">\n" + gapMapSVG
                + "</figure>\n"
                + "<p class=\"figure-link\"><a href=\"" + HTMLText.escape(gapMapPage) + "\">"
                + HTMLText.escape(p.interactiveMap) + "</a></p>\n"
        }
        var body = renderer.render(markdown)
        let toc = contents(renderer.headings, p)
        if let end = body.range(of: "</h1>\n") {
            body.insert(contentsOf: toc, at: end.upperBound)
        } else {
            body = toc + body
        }

        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + PageAssets.contentSecurityPolicy + "\">\n"
        out += "<title>" + HTMLText.escape(title) + "</title>\n"
        out += "<style>\n" + PageAssets.reportStyle + "</style>\n</head>\n<body>\n"
        out += "<main class=\"layout\">\n<article>\n" + body + "</article>\n</main>\n"
        out += GapMapPage.provenance(input, p, language: language)
        out += "</body>\n</html>\n"
        return out
    }

    /// The table of contents: the sections (level 2) with their subsections (level 3).
    static func contents(_ headings: [MarkdownHTML.Heading], _ p: PageStrings) -> String {
        var out =
            "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">" + HTMLText.escape(p.contents)
            + "</h2>\n<ol>\n"
        var open = false
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let item = "<li><a href=\"#" + heading.id + "\">" + HTMLText.escape(heading.text) + "</a>"
            if heading.level == 2 {
                if open { out += "</ol></li>\n" }
                out += item + "<ol>\n"
                open = true
            } else {
                out += item + "</li>\n"
            }
        }
        if open { out += "</ol></li>\n" }
        out += "</ol>\n</nav>\n"
        return out.replacingOccurrences(of: "<ol>\n</ol>", with: "")
    }

    /// An SVG document for inline use: without its XML declaration, its ids prefixed so that
    /// two figures on one page do not share one.
    static func inlineSVG(_ svg: String, prefix: String) -> String {
        var text = svg
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>\n") {
            text.removeSubrange(text.startIndex..<end.upperBound)
        }
        var ids: [String] = []
        var search = text.startIndex
        while let r = text.range(of: " id=\"", range: search..<text.endIndex),
            let close = text[r.upperBound...].firstIndex(of: "\"")
        {
            ids.append(String(text[r.upperBound..<close]))
            search = close
        }
        for id in ids {
            text = text.replacingOccurrences(of: " id=\"\(id)\"", with: " id=\"\(prefix)-\(id)\"")
                .replacingOccurrences(of: "url(#\(id))", with: "url(#\(prefix)-\(id))")
        }
        if ids.contains("title"), ids.contains("desc") {
            text = text.replacingOccurrences(
                of: "aria-labelledby=\"title desc\"", with: "aria-labelledby=\"\(prefix)-title \(prefix)-desc\"")
        }
        return text
    }
}
