/// The styles and the script of the HTML pages, compiled into the binary (no build step, no
/// CDN): every page carries its own copy inline.
enum PageAssets {
    /// Nothing may be fetched: styles, script and images are inline, so the page works from a
    /// file:// path or an e-mail attachment and never calls home.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
        + "base-uri 'none'; form-action 'none'"

    /// Okabe–Ito colours (as `gap-map.svg`), shapes drawn in CSS so the legend needs no image.
    static let sharedStyle = #"""
        :root { --fav: #009E73; --nodiff: #56B4E9; --unfav: #D55E00; --mixed: #E69F00; --ongoing: #0072B2;
          --line: #8a8a8a; --head: #d6e4f0; --ink: #1a1a1a; --muted: #555; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
          color: var(--ink);
          background: #fff; }
        header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 16px; }
        h1 { font-size: 1.5rem; margin: 16px 0 4px; }
        h2 { font-size: 1.2rem; }
        a { color: #0b57a4; }
        :focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
        code { font-size: 0.9em; word-break: break-all; }
        .provenance { color: var(--muted); font-size: 0.85rem; border-top: 1px solid #ccc; margin-top: 24px;
          padding-bottom: 24px; }
        .provenance h2 { font-size: 0.95rem; margin: 12px 0 4px; }
        .provenance p { margin: 4px 0; }
        @media print {
          body { font-size: 10pt; }
          header, main, footer { max-width: none; padding: 0; }
          a { color: inherit; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """#

    static let gapMapStyle =
        sharedStyle + #"""
            .subtitle { margin: 0 0 12px; color: var(--muted); }
            .controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; padding: 10px 12px;
              background: #f4f6f8;
              border: 1px solid #dde2e6; border-radius: 6px; }
            .control { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
            .control label { font-size: 0.8rem; font-weight: 600; color: #333; }
            .control select, .control input { font: inherit; font-size: 0.9rem; padding: 3px 4px; max-width: 16rem; }
            .control.years { flex-direction: row; align-items: center; gap: 6px; flex-wrap: wrap; }
            .control.years input { width: 5.5rem; }
            .control.search input { width: 16rem; }
            .control button { font: inherit; font-size: 0.9rem; padding: 4px 10px; }
            .matches { font-size: 0.9rem; margin: 6px 0 0; }
            .matches ul { margin: 4px 0; padding-left: 20px; max-height: 10rem; overflow: auto; }
            #summary { font-weight: 600; margin: 10px 0 4px; }
            .help { font-size: 0.85rem; color: var(--muted); margin: 2px 0 8px; }
            .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 6px 0;
              font-size: 0.85rem; }
            .legend li { display: flex; align-items: center; gap: 6px; }
            .glyph { display: inline-block; width: 14px; height: 14px; border: 1px solid #000; flex: none; }
            .g-favourable, .g-studies { background: var(--fav); border-radius: 50%; }
            .g-studies { background: #6b7b8c; }
            .g-no_difference { background: var(--nodiff); }
            .g-unfavourable { background: var(--unfav); border: 0; clip-path: polygon(0 0, 100% 0, 50% 100%); }
            .g-mixed { background: var(--mixed); border: 0; clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%); }
            .g-none { background: #fff; border-color: #555; border-radius: 50%; position: relative; }
            .g-none::after { content: "?"; position: absolute; inset: 0; font-size: 10px; line-height: 12px;
              text-align: center; }
            .g-ongoing { background: #fff; border: 2px dashed var(--ongoing); border-radius: 50%; }
            .swatch-gap { display: inline-block; width: 14px; height: 14px; border: 1px solid var(--line);
              background: repeating-linear-gradient(45deg, #eee 0 3px, #bbb 3px 5px); }
            .map-wrap { position: relative; overflow: auto; max-width: 100%; border: 1px solid #ccc; max-height: 80vh; }
            #map { border-collapse: separate; border-spacing: 0; font-size: 0.85rem; }
            #map th, #map td { border-right: 1px solid #ccc; border-bottom: 1px solid #ccc; }
            #map thead th { position: sticky; top: 0; z-index: 2; background: #fff; vertical-align: bottom;
              padding: 6px 4px;
              min-width: 6rem; font-weight: 700; text-align: center; }
            #map thead th.corner { left: 0; z-index: 3; text-align: left; width: 15rem; min-width: 12rem; }
            #map tbody th[scope="row"] { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left;
              font-weight: 400;
              padding: 4px 8px; width: 15rem; min-width: 12rem; }
            #map tr.group th { background: var(--head); text-align: left; padding: 4px 8px; font-weight: 700;
              position: sticky;
              left: 0; }
            #map td { padding: 0; height: 3.4rem; vertical-align: middle; text-align: center; }
            #map td.gap { background: repeating-linear-gradient(45deg, #f1f1f1 0 5px, #d4d4d4 5px 7px); }
            .cell { width: 100%; height: 100%; min-height: 3.4rem; border: 0; background: transparent; cursor: pointer;
              display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 2px 6px; padding: 4px;
                font: inherit; }
            .cell:hover { background: rgba(0, 114, 178, 0.08); }
            .cell:focus-visible { outline: 3px solid #0072B2; outline-offset: -3px; }
            .slot { display: inline-flex; align-items: center; gap: 2px; font-weight: 700; font-size: 0.8rem; }
            .slot svg { display: block; }
            .gap-mark { color: #666; }
            .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
            #gaps ul { padding-left: 20px; }
            #gaps li { margin: 2px 0; }
            dialog { max-width: min(960px, 96vw); width: 96vw; max-height: 90vh; border: 1px solid #888; border-radius: 8px;
              padding: 12px 16px; }
            dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
            .dialog-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
            .dialog-head h2 { margin: 4px 0; }
            .dialog-head button { font: inherit; padding: 4px 12px; }
            .studies { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
            .studies th, .studies td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left;
              vertical-align: top; }
            .studies .title { color: var(--muted); font-size: 0.85rem; }
            .studies .here { font-weight: 700; }
            .print-only { display: none; }
            .noscript { padding: 8px; background: #fff4d6; border: 1px solid #e0c060; }
            @media (max-width: 700px) {
              .control, .control.search { flex: 1 1 100%; }
              .control select, .control.search input { width: 100%; max-width: 100%; }
              #map thead th.corner, #map tbody th[scope="row"] { width: 8.5rem; min-width: 8.5rem; font-size: 0.8rem; }
              #map thead th { min-width: 4.5rem; font-size: 0.75rem; }
            }
            @page { size: A4 landscape; margin: 10mm; }
            @media print {
              .controls, .matches, .help, dialog, #reset { display: none !important; }
              #map { width: 100%; font-size: 7.5pt; }
              #map thead th { min-width: 0; }
              #map thead th.corner, #map tbody th[scope="row"] { width: auto; min-width: 0; max-width: 11rem; }
              #map td { height: auto; }
              .cell { min-height: 2.2rem; padding: 2px; }
              .print-only { display: block; }
              .map-wrap { overflow: visible; max-height: none; border: 0; }
              #map thead th, #map tbody th[scope="row"] { position: static; }
              #map tr { break-inside: avoid; }
              #gaps { break-before: page; }
            }

            """#

    static let reportStyle =
        sharedStyle + #"""
            .layout { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
            nav.toc { border: 1px solid #dde2e6; background: #f4f6f8; border-radius: 6px; padding: 8px 16px;
              margin: 16px 0; }
            nav.toc h2 { font-size: 1rem; margin: 4px 0; }
            nav.toc ol { margin: 4px 0; padding-left: 20px; }
            nav.toc ol ol { font-size: 0.92em; }
            article h2 { border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }
            article h3 { font-size: 1.08rem; margin-top: 24px; }
            article h4 { font-size: 1rem; margin-top: 18px; }
            .table-wrap { overflow-x: auto; margin: 8px 0 16px; }
            article table { border-collapse: collapse; font-size: 0.88rem; }
            article th, article td { border: 1px solid #c8c8c8; padding: 4px 6px; text-align: left; vertical-align: top; }
            article thead th { background: var(--head); }
            article tbody tr:nth-child(even) { background: #f7f9fb; }
            pre { background: #f4f6f8; border: 1px solid #dde2e6; padding: 8px; overflow-x: auto; white-space: pre-wrap;
              font-size: 0.85rem; }
            blockquote { border-left: 4px solid #D55E00; margin: 8px 0; padding: 4px 12px; background: #fff4ee; }
            figure { margin: 12px 0; overflow-x: auto; }
            figure svg { max-width: 100%; height: auto; }
            .figure-link { font-size: 0.9rem; }
            @media print {
              article h2 { break-before: page; }
              nav.toc h2 { break-before: auto; }
              article table, figure, pre { break-inside: avoid; }
              .table-wrap, figure { overflow: visible; }
            }

            """#
}
