// How figures are drawn, in two guards put on Plotly as it arrives.
//
// Fitting a graph to its box:
// dcc.Graph asks Plotly to fit a graph to its box right after its first draw, and again when its
// resize observer starts watching: each time Plotly redraws the graph (a relayout with autosize),
// also when the box did not change, so every graph was drawn three times on a page's first view.
// This guard lets Plotly fit a graph only when its box is not the size it was drawn at; a real
// change (window, phone turned, a panel opened) still redraws it. A graph not drawn yet is not
// fitted at all.
//
// Drawing far below the first screen later:
// Figures far below the first screen are drawn when they come near it, not as the page loads.
// dcc.Graph draws each figure with Plotly.react as it mounts; for a graph not drawn before that
// lies more than a quarter screen below the viewport, this returns a promise that draws the
// latest figure once the graph comes that close (scrolled to, tabbed into, a window made taller).
// dcc.Graph waits on that promise as on any draw. A graph drawn once is drawn at once from then
// on, and before printing everything still waiting is drawn.
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
      // A graph not drawn yet (one waiting below the first screen) has nothing to fit: it is drawn
      // at its box's size when it is drawn. Plotly would answer that only after its 100 ms timer,
      // and dcc.Graph marks the graph as busy until then.
      if (sameSize(element) || (element && !element._fullLayout)) {
        return Promise.resolve(element);
      }
      return resize.apply(this, arguments);
    };
    plots.resize.hzwGuarded = true;
  }


  var MARGIN = "25%";
  var waiting = new Map();
  var observer = null;

  function nearView(gd) {
    var box = gd.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.top < height * 1.25 && box.bottom > -height * 0.25;
  }

  function draw(gd) {
    var entry = waiting.get(gd);
    if (!entry) {
      return;
    }
    waiting.delete(gd);
    if (observer) {
      observer.unobserve(gd);
    }
    gd.hzwDrawn = true;
    entry.draw().then(
      function (result) {
        entry.resolvers.forEach(function (r) { r[0](result); });
      },
      function (error) {
        entry.resolvers.forEach(function (r) { r[1](error); });
      }
    );
  }

  function defer(plotly) {
    if (!plotly || !plotly.react || plotly.react.hzwLazy || !("IntersectionObserver" in window)) {
      return;
    }
    observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            draw(entry.target);
          }
        });
      },
      { rootMargin: MARGIN + " 0px" }
    );
    var react = plotly.react;
    plotly.react = function (gd) {
      var element = typeof gd === "string" ? document.getElementById(gd) : gd;
      var self = this;
      var args = arguments;
      var later = function () {
        return react.apply(self, args);
      };
      if (!element || element.hzwDrawn || element._fullLayout || nearView(element)) {
        if (element) {
          element.hzwDrawn = true;
        }
        return later();
      }
      return new Promise(function (resolve, reject) {
        var entry = waiting.get(element);
        if (entry) {
          entry.draw = later; // a newer figure replaces the one still waiting
          entry.resolvers.push([resolve, reject]);
          return;
        }
        waiting.set(element, { draw: later, resolvers: [[resolve, reject]] });
        observer.observe(element);
      });
    };
    plotly.react.hzwLazy = true;
  }

  window.addEventListener("beforeprint", function () {
    Array.from(waiting.keys()).forEach(draw);
  });

  function install(plotly) {
    guard(plotly);
    defer(plotly);
  }

  // Plotly arrives later (dcc.Graph loads it when the first graph mounts): guard it as it is set.
  var current = window.Plotly;
  if (current) {
    install(current);
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
      install(value);
    },
  });
})();
