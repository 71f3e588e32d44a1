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
        .random-check { font-weight: 700; border-left: 4px solid #5a3e00; padding-left: .5rem; margin: .4rem 0; }
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
        #desk:has(> .pdf) { grid-template-columns: minmax(0, 1fr) minmax(0, 1.25fr) 20rem; max-width: none; }
        main.screening:has(.pdf), main.charting:has(.pdf) { max-width: 110rem; }
        figure.pdf { margin: .6rem 0 0; align-self: start; position: sticky; top: .5rem; }
        figure.pdf iframe { width: 100%; height: calc(100vh - 7rem); min-height: 30rem; border: 1px solid var(--line);
          background: var(--panel); }
        figure.pdf figcaption { font-size: .85rem; color: var(--muted); }
        .chart-grid:has(> .pdf) { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 2rem; }
        .hidden-authors { font-style: italic; color: var(--muted); margin: .1rem 0; }
        .team-notice { border: 2px solid #8a1c00; border-radius: 4px; padding: .2rem 1rem; margin: .5rem 0 1rem;
          background: #fff6f4; }
        .conflict.current { border-top-color: var(--accent); border-left: 4px solid var(--accent); padding-left: .8rem; }
        main.reconcile.awaiting-reason .conflict.current select { outline: 2px dashed var(--accent); }
        @media (max-width: 50rem) { #desk, #desk:has(> .pdf), .chart-grid:has(> .pdf) { grid-template-columns: 1fr; }
          .panel { position: static; } }
        """

    static let javascript = """
        // scoping serve: the keys of the terminal UI on the screening page (each action sent with
        // fetch, so that the server's answer, the next record as HTML it escaped, replaces the
        // desk without a full page load), on the conflicts page (as scoping reconcile) and on the
        // charting page (as scoping chart). Without this script the forms still work (each POST
        // answers with the page).
        (function () {
          'use strict';

          function say(text, problem) {
            var message = document.getElementById('message');
            if (!message) { return; }
            message.textContent = text;
            message.className = problem ? 'message problem' : 'message';
          }

          function toggleHelp() {
            var help = document.getElementById('help');
            if (help) { help.hidden = !help.hidden; }
          }

          // True when the key is for a field being typed in (Esc leaves the field).
          function typing(event) {
            var target = event.target;
            if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) {
              if (event.key === 'Escape') { target.blur(); }
              return true;
            }
            return false;
          }

          // A page's single keys, as in the terminal UI. `keys` maps a key to an action that
          // returns false when it does nothing here (the key then stays the browser's); `?` shows
          // the help. With `reason`, `e` waits for the number of an exclusion reason:
          // `reason.ready()` says whether there is anything to exclude, `reason.pick(digit)` acts
          // (false: no such reason). Returns the function that cancels a waiting `e`.
          function onKeys(root, keys, reason) {
            var awaitingReason = false;

            function cancel() {
              awaitingReason = false;
              root.classList.remove('awaiting-reason');
            }

            if (reason) {
              keys.e = function () {
                if (!reason.ready()) { return false; }
                awaitingReason = true;
                root.classList.add('awaiting-reason');
                say('exclude: press the number of the reason (Esc to cancel)', false);
              };
            }
            keys['?'] = toggleHelp;

            document.addEventListener('keydown', function (event) {
              if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) { return; }
              var key = event.key;
              if (awaitingReason) {
                cancel();
                if (/^[1-9]$/.test(key) && reason.pick(key)) {
                  event.preventDefault();
                } else {
                  say(key === 'Escape' ? 'exclusion cancelled' : 'no reason ' + key + '; exclusion cancelled', false);
                }
                return;
              }
              var action = Object.prototype.hasOwnProperty.call(keys, key) ? keys[key] : null;
              if (!action || action() === false) { return; }
              event.preventDefault();
            });
            return cancel;
          }

          // Focuses the element with `id`; false when the page has none.
          function focus(id) {
            var element = document.getElementById(id);
            if (element) { element.focus(); }
            return !!element;
          }

          // The screening page: each action posted with fetch; the answer replaces the desk.
          function screening(desk) {
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

            function button(key) {
              return function () { return click('button[data-key="' + key + '"]'); };
            }

            var cancelReason = onKeys(desk, {
              i: button('i'), m: button('m'), u: button('u'), s: button('s'), r: button('r'),
              n: function () { return focus('note'); },
              '/': function () { return focus('find'); }
            }, {
              ready: function () { return !!desk.querySelector('button[data-reason-index]'); },
              pick: function (digit) { return click('button[data-reason-index="' + digit + '"]'); }
            });

            desk.addEventListener('submit', function (event) {
              event.preventDefault();
              cancelReason();
              send(event.target);
            });
          }

          // The conflicts page: the keys act on the conflict in the frame (the first; s moves on).
          function reconcile(main) {
            function current() {
              return main.querySelector('section.conflict.current') || main.querySelector('section.conflict');
            }

            function decide(value) {
              var conflict = current();
              if (!conflict) { return false; }
              var select = conflict.querySelector('select[name="decision"]');
              var option = null;
              for (var i = 0; i < select.options.length; i++) {
                if (select.options[i].value === value) { option = select.options[i]; }
              }
              if (!option) { return false; }
              select.value = value;
              say('recording: ' + option.textContent, false);
              conflict.querySelector('form.final').submit();
              return true;
            }

            // Enter in a note keeps it (the decision comes with a key), as n does in the terminal.
            main.addEventListener('keydown', function (event) {
              if (event.key === 'Enter' && event.target && event.target.name === 'note') {
                event.preventDefault();
                event.target.blur();
                say('note kept: now i, e and the number, or r', false);
              }
            });

            onKeys(main, {
              i: function () { return decide('include'); },
              r: function () { return decide('not-retrieved'); },
              s: function () {
                var all = main.querySelectorAll('section.conflict');
                var at = Array.prototype.indexOf.call(all, current());
                if (all.length < 2) { return false; }
                all[at].classList.remove('current');
                var next = all[(at + 1) % all.length];
                next.classList.add('current');
                next.scrollIntoView({ block: 'start' });
                say('skipped: now conflict ' + ((at + 1) % all.length + 1) + ' of ' + all.length, false);
              },
              n: function () {
                var note = current() && current().querySelector('input[name="note"]');
                if (note) { note.focus(); }
                return !!note;
              }
            }, {
              ready: function () { return !!current(); },
              pick: function (digit) {
                var option = current() && current().querySelector('option[data-reason-index="' + digit + '"]');
                return !!option && decide(option.value);
              }
            });
          }

          // The charting page: the first field open has the focus, Enter confirms it.
          function chart(main) {
            var first = main.querySelector('form.field input[name="value"]');
            if (first) {
              first.focus();
              first.select();
            }
            onKeys(main, {
              s: function () {
                var skip = document.getElementById('skip-study');
                if (skip) { skip.click(); }
                return !!skip;
              }
            });
          }

          var desk = document.getElementById('desk');
          if (desk) { screening(desk); return; }
          var conflicts = document.querySelector('main.reconcile');
          if (conflicts) { reconcile(conflicts); return; }
          var charting = document.querySelector('main.charting');
          if (charting) { chart(charting); }
        })();

        """
}
