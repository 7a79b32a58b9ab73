// Figures far below the first screen are drawn when they come near it, not as the page loads.
// dcc.Graph draws each figure with Plotly.react as it mounts; for a graph not drawn before that
// lies more than a quarter screen below the viewport, this returns a promise that draws the
// latest figure once the graph comes that close (scrolled to, tabbed into, a window made taller).
// dcc.Graph waits on that promise as on any draw. A graph drawn once is drawn at once from then
// on, and before printing everything still waiting is drawn.
(function () {
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

  // Plotly arrives later (dcc.Graph loads it when the first graph mounts): wrap it as it is set.
  var current = window.Plotly;
  if (current) {
    defer(current);
    return;
  }
  // Another script (assets/graph_resize.js) watches for Plotly in the same way: it keeps being told.
  var previous = Object.getOwnPropertyDescriptor(window, "Plotly");
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    enumerable: true,
    get: function () {
      return previous && previous.get ? previous.get.call(window) : current;
    },
    set: function (value) {
      if (previous && previous.set) {
        previous.set.call(window, value);
      }
      current = value;
      defer(value);
    },
  });
})();
