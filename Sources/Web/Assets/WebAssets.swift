/// The stylesheet and the one script of `scoping serve`, compiled into the binary and served
/// as `/static/app.css` and `/static/app.js` (the Content-Security-Policy allows no inline
/// script or style). Plain JavaScript, no build step, no network.
enum WebAssets {
    static let css = """
        :root { --ink: #1b1b1b; --muted: #595959; --line: #c8c8c8; --accent: #0b5394; --bg: #fff; --panel: #f5f5f2; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
          background: var(--bg); }
        a { color: var(--accent); }
        .topbar { padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel); }
        .topbar a { font-weight: 700; text-decoration: none; margin-right: 1rem; }
        .topbar .where { color: var(--muted); }
        main { padding: 1rem; max-width: 78rem; margin: 0 auto; }
        main.problem { max-width: 40rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0; }
        h2 { font-size: 1.25rem; margin: 1.2rem 0 .5rem; }
        h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
        .question { font-style: italic; color: var(--muted); margin: .2rem 0; }
        table { border-collapse: collapse; margin: .5rem 0; }
        th, td { text-align: left; padding: .3rem .8rem .3rem 0; border-bottom: 1px solid var(--line); }
        img.prisma { max-width: 100%; height: auto; border: 1px solid var(--line); }
        kbd { font: 600 .85em ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px;
          border-radius: 3px; padding: 0 .3em; background: #fff; }
        #desk { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 0 2rem; }
        #desk > .message, #desk > .status-line { grid-column: 1 / -1; margin: .2rem 0; }
        .message { min-height: 1.5em; color: var(--muted); }
        .message.problem { color: #8a1c00; font-weight: 700; border-left: 4px solid #8a1c00; padding-left: .5rem; }
        .status-line { font-size: .9rem; color: var(--muted); border-bottom: 1px solid var(--line); padding-bottom: .4rem; }
        .record-header { font: .85rem ui-monospace, monospace; color: var(--muted); margin: .6rem 0 0; }
        .record h2.title { font-size: 1.35rem; line-height: 1.35; margin: .3rem 0 .5rem; }
        .byline, .journal, .found { margin: .1rem 0; color: var(--muted); }
        .abstract { margin-top: .8rem; max-width: 46rem; }
        .keywords, .mesh { font-size: .92rem; }
        mark.lean-include { background: #d9f2d9; color: inherit; font-weight: 700; text-decoration: underline solid 2px;
          text-underline-offset: 3px; }
        mark.lean-exclude { background: #fbe0dc; color: inherit; font-style: italic; outline: 1px dashed #8a1c00;
          outline-offset: 1px; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: .8rem;
          align-self: start; position: sticky; top: .5rem; }
        .panel form.action { display: inline; }
        .panel .decisions { display: flex; flex-wrap: wrap; gap: .4rem; }
        button { font: inherit; padding: .3rem .7rem; border: 1px solid #8c8c8c; border-radius: 3px; background: #fff;
          cursor: pointer; text-align: left; }
        button:hover, button:focus-visible { border-color: var(--accent); outline: 2px solid var(--accent); }
        button.include { border-width: 2px; font-weight: 700; }
        ol.criteria { list-style: none; padding: 0; margin: 0; }
        ol.criteria li { margin: .3rem 0; }
        ol.criteria button { width: 100%; }
        .criterion-id { font-weight: 700; }
        .criterion-description { font-size: .85rem; color: var(--muted); margin: .1rem 0 0 .5rem; }
        .awaiting-reason ol.criteria button { outline: 2px dashed var(--accent); }
        .hint { font-weight: 400; color: var(--muted); font-size: .9rem; }
        form.note, form.find { margin-top: 1rem; display: grid; gap: .3rem; }
        form.note input[type=text], form.find input[type=search] { font: inherit; padding: .3rem;
          border: 1px solid #8c8c8c; }
        .legend { font-size: .85rem; margin-top: 1rem; }
        .help { position: fixed; right: 1rem; bottom: 1rem; z-index: 10; max-width: 26rem; background: #fff;
          border: 2px solid var(--ink); border-radius: 4px; padding: 0 1rem .5rem; box-shadow: 0 2px 8px rgba(0, 0, 0, .25); }
        .help dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        .help dd { margin: 0; }
        .conflict { border-top: 2px solid var(--line); margin-top: 1.2rem; max-width: 50rem; }
        form.final { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .6rem 0 1rem; }
        form.final select, form.final input[type=text] { font: inherit; padding: .25rem; border: 1px solid #8c8c8c;
          max-width: 100%; }
        main.reconcile .message:empty { display: none; }
        form.field { display: grid; grid-template-columns: 15rem minmax(0, 1fr) auto; gap: .2rem 1rem;
          padding: .6rem 0; border-bottom: 1px solid var(--line); max-width: 70rem; }
        form.field label { grid-column: 1; grid-row: 1 / span 3; }
        form.field .choices, form.field .suggested { grid-column: 2; font-size: .85rem; color: var(--muted); }
        form.field .suggested { font-style: italic; }
        form.field input[type=text] { grid-column: 2; font: inherit; padding: .3rem; border: 1px solid #8c8c8c; }
        form.field button { grid-column: 3; grid-row: 1 / span 3; align-self: center; }
        @media (max-width: 50rem) { #desk { grid-template-columns: 1fr; } .panel { position: static; } }
        """

    static let javascript = """
        // scoping serve: the keys of the terminal UI, and each action sent with fetch so that
        // the server's answer (the next record, as HTML it escaped) replaces the desk without a
        // full page load. Without this script the forms still work (each POST answers with a
        // redirect to the page).
        (function () {
          'use strict';
          var desk = document.getElementById('desk');
          if (!desk) { return; }
          var awaitingReason = false;

          function say(text, problem) {
            var message = document.getElementById('message');
            if (!message) { return; }
            message.textContent = text;
            message.className = problem ? 'message problem' : 'message';
          }

          function send(form) {
            var body = new URLSearchParams(new FormData(form));
            desk.setAttribute('aria-busy', 'true');
            fetch(form.getAttribute('action'), {
              method: 'POST', body: body, credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' }
            }).then(function (response) {
              return response.text().then(function (text) {
                if ((response.headers.get('Content-Type') || '').indexOf('text/html') !== 0) {
                  throw new Error('HTTP ' + response.status + ' ' + text);
                }
                desk.innerHTML = text;
                desk.setAttribute('aria-busy', 'false');
              });
            }).catch(function (error) {
              desk.setAttribute('aria-busy', 'false');
              say('The server did not take this: ' + error.message + '. Nothing was saved; reload the page.', true);
            });
          }

          function click(selector) {
            var button = desk.querySelector(selector);
            if (button) { button.click(); }
            return !!button;
          }

          function cancelReason() {
            awaitingReason = false;
            desk.classList.remove('awaiting-reason');
          }

          desk.addEventListener('submit', function (event) {
            event.preventDefault();
            cancelReason();
            send(event.target);
          });

          document.addEventListener('keydown', function (event) {
            if (event.ctrlKey || event.metaKey || event.altKey) { return; }
            var target = event.target;
            if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) {
              if (event.key === 'Escape') { target.blur(); }
              return;
            }
            var key = event.key;
            if (awaitingReason) {
              cancelReason();
              if (/^[1-9]$/.test(key) && click('button[data-reason-index="' + key + '"]')) {
                event.preventDefault();
              } else {
                say(key === 'Escape' ? 'exclusion cancelled' : 'no criterion ' + key + '; exclusion cancelled', false);
              }
              return;
            }
            switch (key) {
              case 'i': case 'm': case 'u': case 's': case 'r':
                if (!click('button[data-key="' + key + '"]')) { return; }
                break;
              case 'e':
                if (!desk.querySelector('button[data-reason-index]')) { return; }
                awaitingReason = true;
                desk.classList.add('awaiting-reason');
                say('exclude: press the number of the reason (Esc to cancel)', false);
                break;
              case 'n':
                var note = document.getElementById('note');
                if (!note) { return; }
                note.focus();
                break;
              case '/':
                var find = document.getElementById('find');
                if (!find) { return; }
                find.focus();
                break;
              case '?':
                var help = document.getElementById('help');
                if (help) { help.hidden = !help.hidden; }
                break;
              default:
                return;
            }
            event.preventDefault();
          });
        })();

        """
}
