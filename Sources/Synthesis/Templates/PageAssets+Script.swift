extension PageAssets {
    /// The gap map page's script: reads the embedded JSON, applies the filters, draws the map,
    /// the gap list and a cell's study list. Record text only ever enters the page as text
    /// nodes (never as markup). Plain ES5 so that any browser a steering group uses runs it.
    static let gapMapScript = #"""
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('gap-map-data').textContent);
          var t = data.text;
          var form = document.getElementById('filters');
          var SVGNS = 'http://www.w3.org/2000/svg';
          var COLOURS = { favourable: '#009E73', no_difference: '#56B4E9', unfavourable: '#D55E00', mixed: '#E69F00',
            none: '#ffffff', studies: '#6b7b8c' };
          var dirById = {};
          data.directions.forEach(function (d) { dirById[d.id] = d; });
          var colById = {};
          data.columns.forEach(function (c) { colById[c.id] = c; });
          var rowById = {};
          data.rows.forEach(function (r) { rowById[r.id] = r; });
          var lastCell = null;

          function el(tag, attrs, kids) {
            var e = document.createElement(tag);
            var k;
            for (k in attrs || {}) {
              if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); }
            }
            (kids || []).forEach(function (c) {
              if (c === null || c === undefined) { return; }
              e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
            });
            return e;
          }
          function svgEl(tag, attrs) {
            var e = document.createElementNS(SVGNS, tag);
            for (var k in attrs) { e.setAttribute(k, attrs[k]); }
            return e;
          }
          function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
          function fmt(s, v) {
            return s.replace(/\{(\w+)\}/g, function (m, k) { return v[k] === undefined ? m : String(v[k]); });
          }
          data.studies.forEach(function (s) { s.folded = fold(s.title); });

          // The filters as the form holds them.
          function current() {
            var st = { f: {}, from: null, to: null, status: form.elements.status.value,
              q: fold(form.elements.q.value.trim()) };
            data.filters.forEach(function (f) {
              var v = form.elements['f-' + f.id].value;
              if (v) { st.f[f.id] = v; }
            });
            if (form.elements.from) {
              var from = parseInt(form.elements.from.value, 10);
              var to = parseInt(form.elements.to.value, 10);
              if (!isNaN(from) && from > parseInt(form.elements.from.min, 10)) { st.from = from; }
              if (!isNaN(to) && to < parseInt(form.elements.to.max, 10)) { st.to = to; }
            }
            return st;
          }
          function passes(s, st) {
            if (st.status === 'completed' && s.ongoing) { return false; }
            if (st.status === 'ongoing' && !s.ongoing) { return false; }
            for (var id in st.f) { if ((s.f[id] || []).indexOf(st.f[id]) < 0) { return false; } }
            if (st.from !== null || st.to !== null) {
              if (s.year === null) { return false; }
              if (st.from !== null && s.year < st.from) { return false; }
              if (st.to !== null && s.year > st.to) { return false; }
            }
            if (st.q && s.folded.indexOf(st.q) < 0) { return false; }
            return true;
          }
          // The cells, as GapMap.make fills them: a study once per cell, its first direction.
          function fill(list) {
            var cells = {};
            data.rows.forEach(function (r) {
              data.columns.forEach(function (c) {
                cells[r.id + '\n' + c.id] = { row: r, column: c, studies: [], ongoing: [] };
              });
            });
            list.forEach(function (s) {
              s.rows.forEach(function (r) {
                s.cells.forEach(function (pair) {
                  var cell = cells[r + '\n' + pair[0]];
                  if (!cell) { return; }
                  var bucket = s.ongoing ? cell.ongoing : cell.studies;
                  for (var i = 0; i < bucket.length; i++) { if (bucket[i].s === s) { return; } }
                  bucket.push({ s: s, d: pair[1] });
                });
              });
            });
            return cells;
          }
          function slots(cell) {
            var out = [];
            if (data.hasDirections) {
              data.directions.forEach(function (d) {
                var n = cell.studies.filter(function (m) { return m.d === d.id; }).length;
                if (n > 0) { out.push({ id: d.id, n: n, label: d.label }); }
              });
            } else if (cell.studies.length > 0) {
              out.push({ id: 'studies', n: cell.studies.length, label: t.studies });
            }
            if (cell.ongoing.length > 0) { out.push({ id: 'ongoing', n: cell.ongoing.length, label: t.ongoing }); }
            return out;
          }
          // A marker sized by its number of studies: circle, square, triangle, diamond by direction.
          function glyph(id, n) {
            var size = Math.min(34, 12 + 7 * Math.sqrt(n - 1));
            var h = size / 2;
            var box = String(size + 2);
            var svg = svgEl('svg', { width: box, height: box, viewBox: '-1 -1 ' + box + ' ' + box,
              'aria-hidden': 'true', focusable: 'false' });
            var fill = COLOURS[id] || '#ffffff';
            var shape;
            if (id === 'no_difference') {
              shape = svgEl('rect', { x: '0.5', y: '0.5', width: String(size - 1), height: String(size - 1) });
            } else if (id === 'unfavourable') {
              shape = svgEl('polygon', { points: '0,0.5 ' + size + ',0.5 ' + h + ',' + size });
            } else if (id === 'mixed') {
              shape = svgEl('polygon', { points: h + ',0 ' + size + ',' + h + ' ' + h + ',' + size + ' 0,' + h });
            } else if (id === 'ongoing') {
              shape = svgEl('circle', { cx: String(h), cy: String(h), r: String(h - 1), 'stroke-dasharray': '3 2' });
            } else {
              shape = svgEl('circle', { cx: String(h), cy: String(h), r: String(h - 0.5) });
            }
            shape.setAttribute('fill', id === 'ongoing' ? '#ffffff' : fill);
            shape.setAttribute('stroke', id === 'ongoing' ? '#0072B2' : (id === 'none' ? '#555555' : '#000000'));
            shape.setAttribute('stroke-width', id === 'ongoing' ? '2' : '1');
            svg.appendChild(shape);
            if (id === 'none') {
              var q = svgEl('text', { x: String(h), y: String(h + 4), 'text-anchor': 'middle', 'font-size': '11' });
              q.textContent = '?';
              svg.appendChild(q);
            }
            return svg;
          }
          function cellLabel(cell) {
            var parts = slots(cell).map(function (sl) { return sl.n + ' ' + sl.label; });
            var head = cell.row.label + ' × ' + cell.column.label + ': ';
            if (cell.studies.length === 0) { parts.unshift(t.gap); }
            var n = cell.studies.length;
            return head + n + ' ' + (n === 1 ? t.study : t.studies) + ' (' + parts.join(', ') + ')';
          }

          function drawMap(cells) {
            var table = document.getElementById('map');
            table.textContent = '';
            var head = el('tr', null, [el('th', { scope: 'col', 'class': 'corner' }, [t.rowsHeading])]);
            data.columns.forEach(function (c) { head.appendChild(el('th', { scope: 'col' }, [c.label])); });
            table.appendChild(el('thead', null, [head]));
            var body = el('tbody');
            data.rows.forEach(function (r) {
              if (data.groupRows && r.group !== null) {
                var th = el('th', { scope: 'colgroup', colspan: String(data.columns.length + 1) }, [r.group]);
                body.appendChild(el('tr', { 'class': 'group' }, [th]));
              }
              var tr = el('tr', null, [el('th', { scope: 'row' }, [r.label])]);
              data.columns.forEach(function (c) {
                var cell = cells[r.id + '\n' + c.id];
                var td = el('td', { 'data-row': r.id, 'data-column': c.id, 'data-studies': String(cell.studies.length),
                  'data-ongoing': String(cell.ongoing.length) });
                if (cell.studies.length === 0) { td.className = 'gap'; }
                var marks = slots(cell);
                if (marks.length === 0) {
                  td.appendChild(el('span', { 'class': 'sr' }, [cellLabel(cell)]));
                } else {
                  var button = el('button', { type: 'button', 'class': 'cell', 'aria-label': cellLabel(cell),
                    'aria-haspopup': 'dialog' });
                  marks.forEach(function (sl) {
                    var slot = el('span', { 'class': 'slot', title: sl.label }, [glyph(sl.id, sl.n), String(sl.n)]);
                    button.appendChild(slot);
                  });
                  button.addEventListener('click', function () { openCell(cell, button); });
                  td.appendChild(button);
                }
                tr.appendChild(td);
              });
              body.appendChild(tr);
            });
            table.appendChild(body);
          }

          // Arrow keys move between the cells that have studies, in the arrow's direction.
          var STEPS = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
          document.getElementById('map').addEventListener('keydown', function (e) {
            var step = STEPS[e.key];
            if (!step || !e.target.classList.contains('cell')) { return; }
            var rows = Array.prototype.filter.call(document.querySelectorAll('#map tbody tr'), function (tr) {
              return !tr.classList.contains('group');
            });
            var td = e.target.parentNode;
            var r = rows.indexOf(td.parentNode) + step[0];
            var c = Array.prototype.indexOf.call(td.parentNode.children, td) + step[1];
            for (; r >= 0 && r < rows.length && c >= 1 && c < rows[r].children.length; r += step[0], c += step[1]) {
              var next = rows[r].children[c].querySelector('button');
              if (next) {
                next.focus();
                e.preventDefault();
                return;
              }
            }
          });

          function drawGaps(cells) {
            var list = document.getElementById('gap-list');
            list.textContent = '';
            var total = data.rows.length * data.columns.length;
            var count = 0;
            data.rows.forEach(function (r) {
              var items = [];
              data.columns.forEach(function (c) {
                var cell = cells[r.id + '\n' + c.id];
                if (cell.studies.length > 0) { return; }
                count += 1;
                var text = c.label;
                if (cell.ongoing.length > 0) {
                  var refs = cell.ongoing.map(function (m) { return '[' + m.s.n + ']'; }).join(', ');
                  text += ' (' + fmt(t.gapOngoing, { refs: refs }) + ')';
                }
                items.push(text);
              });
              if (items.length > 0) {
                list.appendChild(el('li', null, [el('strong', null, [r.label]), ': ' + items.join('; ')]));
              }
            });
            document.getElementById('gap-count').textContent = count === 0 ? t.noGaps
              : t.gapsSentence.replace('1000001', String(count)).replace('1000002', String(total));
            return count;
          }

          function studyRow(m, column) {
            var s = m.s;
            var outcomes = el('td');
            s.cells.forEach(function (pair, i) {
              var c = colById[pair[0]];
              var d = dirById[pair[1]] || dirById.none;
              var text = c ? c.label : pair[0];
              if (data.hasDirections && !s.ongoing) { text += ' ' + d.symbol + ' ' + d.label; }
              if (i > 0) { outcomes.appendChild(document.createTextNode('; ')); }
              var here = pair[0] === column.id;
              outcomes.appendChild(here ? el('span', { 'class': 'here' }, [text]) : document.createTextNode(text));
            });
            var link = s.url ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, [s.urlText]) : '';
            return el('tr', { 'data-study': String(s.n) }, [
              el('td', null, ['[' + s.n + ']']),
              el('td', null, [el('div', null, [s.label]), el('div', { 'class': 'title' }, [s.title])]),
              el('td', null, [s.year === null ? '' : String(s.year)]),
              el('td', null, [s.design || '']),
              outcomes,
              el('td', null, [link])
            ]);
          }
          function studyTable(marks, column) {
            var columns = ['#', t.studyColumn, t.yearColumn, t.design, t.direction, t.link];
            var head = el('tr', null, columns.map(function (h) {
              return el('th', { scope: 'col' }, [h]);
            }));
            var body = el('tbody');
            marks.forEach(function (m) { body.appendChild(studyRow(m, column)); });
            return el('table', { 'class': 'studies' }, [el('thead', null, [head]), body]);
          }
          function openCell(cell, button) {
            lastCell = button;
            var dialog = document.getElementById('cell-dialog');
            document.getElementById('dialog-title').textContent = cell.row.label + ' × ' + cell.column.label;
            document.getElementById('dialog-summary').textContent = cellLabel(cell).replace(/^[^:]*: /, '');
            var body = document.getElementById('dialog-body');
            body.textContent = '';
            if (cell.studies.length > 0) {
              body.appendChild(el('h3', null, [t.completed + ' (' + cell.studies.length + ')']));
              body.appendChild(studyTable(cell.studies, cell.column));
            }
            if (cell.ongoing.length > 0) {
              body.appendChild(el('h3', null, [t.ongoing + ' (' + cell.ongoing.length + ')']));
              body.appendChild(studyTable(cell.ongoing, cell.column));
            }
            if (typeof dialog.showModal === 'function') {
              dialog.showModal();
            } else {
              dialog.setAttribute('open', '');
            }
            document.getElementById('dialog-close').focus();
          }
          function closeDialog() {
            var dialog = document.getElementById('cell-dialog');
            if (typeof dialog.close === 'function') { dialog.close(); } else { dialog.removeAttribute('open'); }
          }
          document.getElementById('dialog-close').addEventListener('click', closeDialog);
          document.getElementById('cell-dialog').addEventListener('close', function () {
            if (lastCell && document.body.contains(lastCell)) { lastCell.focus(); }
          });

          function drawMatches(list, st) {
            var box = document.getElementById('matches');
            box.textContent = '';
            if (!st.q) { return; }
            box.appendChild(el('p', null, [fmt(t.matches, { n: list.length })]));
            var ul = el('ul');
            list.slice(0, 50).forEach(function (s) {
              var line = '[' + s.n + '] ' + s.label + ': ' + s.title + (s.ongoing ? ' (' + t.ongoing + ')' : '');
              ul.appendChild(el('li', null, [line]));
            });
            box.appendChild(ul);
          }
          function describeFilters(st) {
            var parts = [];
            if (st.q) { parts.push(t.search + ': "' + form.elements.q.value.trim() + '"'); }
            data.filters.forEach(function (f) {
              if (st.f[f.id]) { parts.push(f.label + ': ' + f.options[st.f[f.id]]); }
            });
            if (st.from !== null || st.to !== null) {
              parts.push(t.yearFrom + ' ' + form.elements.from.value + ' ' + t.yearTo + ' ' + form.elements.to.value);
            }
            if (st.status) { parts.push(t.status + ': ' + (st.status === 'ongoing' ? t.ongoing : t.completed)); }
            var printed = parts.length ? t.printedFilters + ': ' + parts.join('; ') : '';
            document.getElementById('printed-filters').textContent = printed;
          }

          function update() {
            var st = current();
            var list = data.studies.filter(function (s) { return passes(s, st); });
            var cells = fill(list);
            drawMap(cells);
            var gaps = drawGaps(cells);
            drawMatches(list, st);
            describeFilters(st);
            document.getElementById('summary').textContent = fmt(t.shown, {
              n: list.length, total: data.studies.length,
              ongoing: list.filter(function (s) { return s.ongoing; }).length,
              gaps: gaps, cells: data.rows.length * data.columns.length
            });
          }
          form.addEventListener('input', update);
          form.addEventListener('change', update);
          form.addEventListener('submit', function (e) { e.preventDefault(); });
          form.addEventListener('reset', function () { window.setTimeout(update, 0); });
          update();
          if (window.performance && performance.mark) { performance.mark('gap-map-drawn'); }
        })();

        """#
}
