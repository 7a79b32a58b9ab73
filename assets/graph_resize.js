// dcc.Graph asks Plotly to fit a graph to its box right after its first draw, and again when its
// resize observer starts watching: each time Plotly redraws the graph (a relayout with autosize),
// also when the box did not change, so every graph was drawn three times on a page's first view.
// This guard lets Plotly fit a graph only when its box is not the size it was drawn at; a real
// change (window, phone turned, a panel opened) still redraws it.
(function () {
  function sameSize(gd) {
    var full = gd && gd._fullLayout;
    if (!full || !gd.layout || !window.getComputedStyle) {
      return false;
    }
    var style = window.getComputedStyle(gd);
    var width = parseFloat(style.width);
    var height = parseFloat(style.height);
    // Plotly itself ignores a difference of up to one pixel (plots.plotAutoSize).
    return Math.abs(width - full.width) <= 1 && Math.abs(height - full.height) <= 1;
  }

  function guard(plotly) {
    var plots = plotly && plotly.Plots;
    if (!plots || !plots.resize || plots.resize.hzwGuarded) {
      return;
    }
    var resize = plots.resize;
    plots.resize = function (gd) {
      var element = typeof gd === "string" ? document.getElementById(gd) : gd;
      if (sameSize(element)) {
        return Promise.resolve(element);
      }
      return resize.apply(this, arguments);
    };
    plots.resize.hzwGuarded = true;
  }

  // Plotly arrives later (dcc.Graph loads it when the first graph mounts): guard it as it is set.
  var current = window.Plotly;
  if (current) {
    guard(current);
    return;
  }
  // Another script may watch for Plotly in the same way: it keeps being told.
  var previous = Object.getOwnPropertyDescriptor(window, "Plotly");
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    enumerable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      if (previous && previous.set) {
        previous.set.call(window, value);
      }
      current = value;
      guard(value);
    },
  });
})();
