// How figures are drawn: two guards put on Plotly as it arrives, a filter on the resize reports
// dcc.Graph hears (below), and an "hzw-graph-drawn" event on each graph after each draw.
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
// Figures far from the screen are drawn when they come near it, not as the page loads or a
// control changes. dcc.Graph draws each figure with Plotly.react as it mounts and when its figure
// changes; for a graph more than a quarter screen outside the viewport, this returns a promise
// that draws the latest figure once the graph comes that close (scrolled to, tabbed into, a window
// made taller). dcc.Graph waits on that promise as on any draw. A change of year thus redraws the
// figures in view first, and the others as they are reached. Before printing everything still
// waiting is drawn.
//
// Letting go of a graph that leaves the page:
// dcc.Graph purges each graph as it unmounts, inside React's commit of the next page. A map click
// thus paid the purge of the national map and ranking (3 to 4 ms) before the region page's first
// gauge was drawn. A graph that is out of the document once that commit is done is purged when
// the browser is idle; one still in it is purged right after, as asked.
(function () {
  // Plotly's functions take a graph's element or its id.
  function graphElement(gd) {
    return typeof gd === "string" ? document.getElementById(gd) : gd;
  }

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
      var element = graphElement(gd);
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

  // Resize reports with nothing to fit:
  // dcc.Graph watches three boxes (its own, the plot's and an empty marker before the plot) with a
  // ResizeObserver, and 50 ms after any report marks the graph busy and asks Plotly to fit it. The
  // first report comes for every graph once it is laid out, also when nothing changed: for a graph
  // waiting below the screen, or one already drawn at its box's size, that was the page's last
  // change, 50 ms after everything was drawn. Reports about such a graph are not passed on; any
  // other report, and every report of another observer, is.
  function isPlot(node) {
    return !!node && (node.hzwWaiting === true || !!node._fullLayout);
  }

  function watchedPlot(node) {
    if (!node || node.nodeType !== 1) {
      return null;
    }
    if (isPlot(node)) {
      return node; // the plot's own box
    }
    if (node.classList.contains("dash-graph") && isPlot(node.lastElementChild)) {
      return node.lastElementChild; // the graph's box
    }
    var next = node.nextElementSibling;
    if (!node.firstChild && isPlot(next) && next.parentElement.classList.contains("dash-graph")) {
      return next; // the marker before the plot
    }
    return null;
  }

  function nothingToFit(entry) {
    var gd = watchedPlot(entry.target);
    return !!gd && (gd.hzwWaiting === true || sameSize(gd));
  }

  function quietResizes() {
    var Native = window.ResizeObserver;
    if (!Native || Native.hzwQuiet) {
      return;
    }
    var Quiet = function (callback) {
      return new Native(function (entries, observer) {
        var kept = entries.filter(function (entry) {
          return !nothingToFit(entry);
        });
        if (kept.length) {
          callback.call(this, kept, observer);
        }
      });
    };
    Quiet.prototype = Native.prototype;
    Quiet.hzwQuiet = true;
    window.ResizeObserver = Quiet;
  }

  quietResizes();

  var MARGIN = "25%";
  var waiting = new Map();
  // One IntersectionObserver watches every graph once it has had a figure: it draws a waiting
  // graph that comes near, and keeps whether each graph is near (gd.hzwNear).
  var observer = null;

  // Whether a graph is near the screen, as the observer last saw it: asking the box itself right
  // after the page changed makes the browser lay the page out just for this answer, before Plotly
  // changes it again (about 6 ms on the national page's year switch). A graph not seen yet (just
  // mounted) is measured.
  function nearView(gd) {
    if (typeof gd.hzwNear === "boolean") {
      return gd.hzwNear;
    }
    if (observer) {
      observer.observe(gd);
    }
    var box = gd.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.top < height * 1.25 && box.bottom > -height * 0.25;
  }

  // After each draw the graph's element hears "hzw-graph-drawn" (it bubbles): page scripts that
  // listen to a graph's own Plotly events bind them then (assets/navigation.js).
  function told(gd) {
    return function (result) {
      gd.dispatchEvent(new CustomEvent("hzw-graph-drawn", { bubbles: true }));
      return result;
    };
  }

  // The graph's waiting draw, taken off the list (null when none waits).
  function forget(gd) {
    var entry = waiting.get(gd);
    if (!entry) {
      return null;
    }
    waiting.delete(gd);
    gd.hzwWaiting = false;
    return entry;
  }

  // Everyone who waited on ``entry`` learns how ``drawing`` ended.
  function settle(entry, drawing) {
    drawing.then(
      function (result) {
        entry.resolvers.forEach(function (r) { r[0](result); });
      },
      function (error) {
        entry.resolvers.forEach(function (r) { r[1](error); });
      }
    );
  }

  function draw(gd) {
    var entry = forget(gd);
    if (entry) {
      settle(entry, entry.draw().then(told(gd)));
    }
  }

  // A graph taken off the page while Plotly drew it (a page left mid-draw) gets an answer that
  // never comes. dcc.Graph queues each new figure behind the draw before it; a figure queued for a
  // graph that is gone would then be drawn into nothing: dcc.Graph reads its element, by then
  // null, and throws. Only the removed graph's own queue waits on this answer.
  function unlessRemoved(element, drawing) {
    var never = new Promise(function () {});
    return drawing.then(
      function (result) {
        return element.isConnected ? result : never;
      },
      function (error) {
        if (element.isConnected) {
          throw error;
        }
        return never;
      }
    );
  }

  // Graphs waiting below the screen on a page that was left are let go (nothing draws them).
  function forgetRemoved() {
    waiting.forEach(function (entry, gd) {
      if (!gd.isConnected) {
        forget(gd);
      }
    });
  }

  function defer(plotly) {
    if (!plotly || !plotly.react || plotly.react.hzwLazy || !("IntersectionObserver" in window)) {
      return;
    }
    observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          entry.target.hzwNear = entry.isIntersecting;
          if (!entry.target.isConnected) {
            observer.unobserve(entry.target); // a page left: its graphs are not watched on
          } else if (entry.isIntersecting) {
            draw(entry.target);
          }
        });
      },
      { rootMargin: MARGIN + " 0px" }
    );
    var react = plotly.react;
    plotly.react = function (gd) {
      var element = graphElement(gd);
      var self = this;
      var args = arguments;
      var later = function () {
        return react.apply(self, args);
      };
      if (!element) {
        return later();
      }
      forgetRemoved();
      if (nearView(element)) {
        // An older figure still waiting for this graph is not drawn after this one.
        var older = forget(element);
        var drawn = unlessRemoved(element, later()).then(told(element));
        if (older) {
          settle(older, drawn);
        }
        return drawn;
      }
      return new Promise(function (resolve, reject) {
        var entry = waiting.get(element);
        if (entry) {
          entry.draw = later; // a newer figure replaces the one still waiting
          entry.resolvers.push([resolve, reject]);
          return;
        }
        waiting.set(element, { draw: later, resolvers: [[resolve, reject]] });
        element.hzwWaiting = true;
        observer.observe(element);
      });
    };
    plotly.react.hzwLazy = true;
  }

  window.addEventListener("beforeprint", function () {
    Array.from(waiting.keys()).forEach(draw);
  });

  // Each new figure is announced on its graph as "hzw-graph-figure" (it bubbles, the figure in
  // its detail) as it is handed to Plotly, also when its draw waits: the graph's table follows it
  // from there (assets/figure_tables.js), drawn or not.
  function announce(plotly) {
    if (!plotly || !plotly.react || plotly.react.hzwAnnounced) {
      return;
    }
    var react = plotly.react;
    plotly.react = function (gd, figure) {
      var element = graphElement(gd);
      if (element && element.dispatchEvent) {
        element.dispatchEvent(new CustomEvent("hzw-graph-figure", { bubbles: true, detail: figure }));
      }
      return react.apply(this, arguments);
    };
    Object.keys(react).forEach(function (key) {
      plotly.react[key] = react[key];
    });
    plotly.react.hzwAnnounced = true;
  }

  function purgeLater(plotly) {
    if (!plotly || !plotly.purge || plotly.purge.hzwLater) {
      return;
    }
    var purge = plotly.purge;
    var left = [];
    function purgeLeft() {
      var now = left;
      left = [];
      now.forEach(function (gd) {
        purge.call(plotly, gd);
      });
    }
    // Safari has no requestIdleCallback: a moment after the page has been drawn is as good.
    var whenIdle = window.requestIdleCallback
      ? function (work) { window.requestIdleCallback(work, { timeout: 2000 }); }
      : function (work) { window.setTimeout(work, 500); };
    plotly.purge = function (gd) {
      var element = graphElement(gd);
      if (!element || !element.isConnected) {
        return purge.apply(this, arguments);
      }
      // The commit that unmounts the graph takes it out of the document before this runs.
      Promise.resolve().then(function () {
        if (element.isConnected) {
          purge.call(plotly, element);
          return;
        }
        if (!left.length) {
          whenIdle(purgeLeft);
        }
        left.push(element);
      });
      return element;
    };
    plotly.purge.hzwLater = true;
  }

  function install(plotly) {
    guard(plotly);
    defer(plotly);
    announce(plotly);
    purgeLater(plotly);
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
