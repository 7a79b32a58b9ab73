"""The JavaScript the floor benchmark runs in the browser, kept apart from the Python that drives it.

Nothing here knows the monitor's callbacks or element ids beyond ``.js-plotly-plot``: "drawn" is
the last change to the page after which the network stayed quiet and every graph has data, so the
measurement keeps working when pages are rebuilt or callbacks are merged or split.
"""

from __future__ import annotations

# Installed before any page script: stamps every change to the page and the moment of the user's
# input (key, mouse button, choice in a select), all on the page's own clock (0 = navigation start).
STAMP = """
window.__hzw = {lastChange: 0, inputAt: null, armed: false};
new MutationObserver(() => { window.__hzw.lastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
for (const type of ['keydown', 'mousedown', 'change']) {
  addEventListener(type, (event) => {
    if (!window.__hzw.armed) return;
    window.__hzw.inputAt = event.timeStamp || performance.now();
    window.__hzw.armed = false;
  }, true);
}
"""
ARM = "() => { window.__hzw.armed = true; window.__hzw.inputAt = null; }"
# The page's state for the "drawn" test; graphs whose figure has no trace yet count as empty.
PROBE = """() => {
  const graphs = [...document.querySelectorAll('.js-plotly-plot')];
  return {
    now: performance.now(),
    last: window.__hzw ? window.__hzw.lastChange : 0,
    input: window.__hzw ? window.__hzw.inputAt : null,
    loading: document.querySelector('[data-dash-is-loading="true"]') !== null,
    graphs: graphs.length,
    empty: graphs.filter((gd) => !(gd.data && gd.data.length)).length,
    path: location.pathname + location.search,
  };
}"""
# How long the page's own requests (fetch/XHR: the callbacks, Dash pages' layout) were on the
# network after ``since``: the union of their intervals, so parallel requests count once.
NETWORK_AFTER = """(since) => {
  const spans = performance.getEntriesByType('resource')
    .filter((e) => ['fetch', 'xmlhttprequest'].includes(e.initiatorType) && e.startTime >= since)
    .map((e) => [e.startTime, e.responseEnd]).sort((a, b) => a[0] - b[0]);
  let total = 0, end = -Infinity;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return {ms: total, requests: spans.length};
}"""
# When the page's last own request had fully arrived: the rest until drawn is the browser. Its own
# requests are fetch/XHR and Dash's layout and callback list, which the page head preloads.
LAST_ANSWER = """() => Math.max(0, ...performance.getEntriesByType('resource')
  .filter((e) => ['fetch', 'xmlhttprequest'].includes(e.initiatorType)
    || /[/]_dash-(layout|dependencies|update-component)/.test(e.name))
  .map((e) => e.responseEnd))"""
# The drawn page as a floor can rebuild it: stylesheets, inline styles, the HTML with every graph
# emptied and scripts removed, and each graph's final figure (typed arrays as plain arrays).
CAPTURE = """() => {
  const arrays = (key, x) => ArrayBuffer.isView(x) ? Array.from(x) : x;
  const plain = (value) => JSON.parse(JSON.stringify(value, arrays));
  const graphs = [...document.querySelectorAll('.js-plotly-plot')];
  const keep = ['displayModeBar', 'displaylogo', 'responsive', 'staticPlot', 'scrollZoom',
                'doubleClick', 'showTips', 'showAxisDragHandles', 'modeBarButtonsToRemove', 'editable'];
  const figures = graphs.map((gd, index) => {
    const context = gd._context || {};
    const config = Object.fromEntries(
      keep.filter((k) => context[k] !== undefined).map((k) => [k, context[k]]));
    const owner = gd.closest('[id]');
    const key = owner ? owner.id : '';
    return {index, key, data: plain(gd.data || []), layout: plain(gd.layout || {}), config};
  });
  graphs.forEach((gd, index) => gd.setAttribute('data-hzw-vloer', String(index)));
  const body = document.body.cloneNode(true);
  graphs.forEach((gd) => gd.removeAttribute('data-hzw-vloer'));
  body.querySelectorAll('script, noscript').forEach((node) => node.remove());
  // Each emptied graph keeps the size it was drawn at, so the floor draws figures just as large.
  body.querySelectorAll('[data-hzw-vloer]').forEach((gd) => {
    const box = graphs[Number(gd.getAttribute('data-hzw-vloer'))].getBoundingClientRect();
    gd.replaceChildren();
    gd.style.width = box.width + 'px';
    gd.style.height = box.height + 'px';
  });
  return {
    url: location.href,
    stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href),
    styles: [...document.querySelectorAll('style')].map((s) => s.textContent),
    body: body.innerHTML,
    graphs: figures,
    lang: document.documentElement.lang,
    title: document.title,
  };
}"""
# The floor pages' own script (served from the app's host, so the app's Content-Security-Policy
# holds for the floor too). On load it draws every figure; ``hzwVloerStap`` draws the figures of
# the next state (Plotly.react where the same graphs stay, the next page's HTML and newPlot where
# they do not) and answers how long that took, up to the frame after it.
DRAW = """(function () {
  function figures(root) {
    return JSON.parse(root.getElementById('hzw-vloer-figuren').textContent);
  }
  function frame() {
    return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  function draw(list, react) {
    return Promise.all(list.map((f) => {
      const gd = document.querySelector('[data-hzw-vloer="' + f.index + '"]');
      return gd ? (react ? Plotly.react : Plotly.newPlot)(gd, f.data, f.layout, f.config) : null;
    }));
  }
  window.hzwVloerStap = async function (next) {
    // Which figures changed is known before the clock starts: the app knows it without work too.
    const now = figures(document);
    const same = now.length === next.graphs.length && now.every((f, i) => f.key === next.graphs[i].key);
    const changed = same ? next.graphs.filter((f, i) => JSON.stringify(f) !== JSON.stringify(now[i])) : [];
    const start = performance.now();
    if (same) {
      await draw(changed, true);
    } else {
      document.body.innerHTML = next.body;
      await draw(next.graphs, false);
    }
    await frame();
    return performance.now() - start;
  };
  draw(figures(document), false);
})();
"""
