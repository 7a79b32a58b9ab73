// A phone's view of the page: what is wider than the screen outside a scrolling box of its own,
// which texts of a figure overlap, and which stick out of their figure. Returns lists of findings.
() => {
  const W = window.innerWidth;
  const out = {overflow: [], overlaps: [], clipped: []};
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  const visible = (el) => { const r = el.getBoundingClientRect(); if (r.width < 1 || r.height < 1) return false; const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0'; };
  const scrolls = (el) => { const s = getComputedStyle(el); return ['auto','scroll','hidden','clip'].includes(s.overflowX); };
  const name = (el) => (el.id ? '#' + el.id : '') + '.' + String(el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className).split(' ').slice(0,2).join('.') + '<' + el.tagName + '>' + (el.textContent || '').trim().slice(0, 40);
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el)) continue;
    const b = box(el);
    if (b.r <= W + 1 && b.l >= -1) continue;
    // Wholly left of the screen on purpose (the skip link until it has focus, Plotly's measuring
    // box): out of sight, not too wide.
    if (b.r < 0) continue;
    let a = el.parentElement, held = false;
    while (a && a !== document.body) { if (scrolls(a)) { const ab = box(a); if (ab.r <= W + 1 && ab.l >= -1) { held = true; break; } } a = a.parentElement; }
    if (!held) out.overflow.push(name(el) + ' ' + Math.round(b.l) + '..' + Math.round(b.r));
  }
  const overlap = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > 1 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 1;
  // Two annotations on one line (the titles of small charts side by side) need more than a word's
  // space between them, or they read as one title.
  const GAP = 8;
  const crowded = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > -GAP && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 1;
  for (const g of document.querySelectorAll('.js-plotly-plot')) {
    if (!visible(g)) continue;
    const gid = g.id || g.parentElement.id;
    const pick = (sel, kind) => [...g.querySelectorAll(sel)].filter(visible).map(el => ({kind, el, b: box(el), text: (el.textContent || '').trim().slice(0, 30)})).filter(x => x.text || kind === 'legend' || kind === 'modebar');
    const titles = pick('.gtitle', 'title');
    const axt = pick('.xtitle, .ytitle, [class*="xtitle"], [class*="ytitle"]', 'axistitle');
    const ticks = pick('.xtick text, .ytick text, [class*="xtick"] text, [class*="ytick"] text', 'tick');
    const legend = pick('g.legend', 'legend');
    const mb = pick('.modebar', 'modebar').filter(x => getComputedStyle(x.el).opacity !== '0');
    const ann = pick('.annotation-text-g', 'annotation');
    const dl = pick('.textpoint text, .bartext', 'datalabel');
    const pairs = [[titles, legend], [titles, axt], [titles, ticks], [titles, ann], [titles, mb], [legend, axt], [legend, ticks], [legend, ann], [legend, dl], [axt, ticks], [mb, axt], [mb, legend], [ann, ann], [ann, ticks], [ann, axt], [dl, dl], [ticks, ticks]];
    for (const [A, B] of pairs) for (const x of A) for (const y of B) { if (x.el === y.el || (A === B && x.el > y.el)) continue; if (A===B && A.indexOf(x) >= A.indexOf(y)) continue; if ((A === ann && B === ann ? crowded : overlap)(x.b, y.b)) out.overlaps.push(`${gid}: ${x.kind} "${x.text}" × ${y.kind} "${y.text}"`); }
    const sb = box(g.querySelector('.main-svg'));
    for (const x of [...titles, ...axt, ...ticks, ...legend, ...ann, ...dl]) { if (x.b.l < sb.l - 1 || x.b.r > sb.r + 1 || x.b.t < sb.t - 1 || x.b.b > sb.b + 1) out.clipped.push(`${gid}: ${x.kind} "${x.text}" ${Math.round(x.b.l)}..${Math.round(x.b.r)} svg ${Math.round(sb.l)}..${Math.round(sb.r)}`); }
  }
  return out;
}
