// Presentation mode: the keys that presentation clickers send step through the screens; Esc leaves.
// The step is counted here, in the browser, and handed to Dash with set_props: quick presses must
// each take a step, in order, which callbacks answered by the server cannot promise.
(function () {
  var FORWARD = ["ArrowRight", "PageDown", " ", "Spacebar"];
  var BACK = ["ArrowLeft", "PageUp"];
  var shown = { root: null, step: 1 };

  function current(root) {
    if (shown.root !== root) {
      shown.root = root;
      shown.step = parseInt(root.dataset.start, 10) || 1;
    }
    return shown.step;
  }

  function go(root, step) {
    var total = parseInt(root.dataset.total, 10) || 1;
    var next = Math.min(Math.max(step, 1), total);
    if (next !== current(root)) {
      shown.step = next;
      window.dash_clientside.set_props("presentation-step", { data: next });
    }
  }

  document.addEventListener("keydown", function (event) {
    var root = document.getElementById("presentation");
    if (!root || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var tag = ((event.target || {}).tagName || "").toLowerCase();
    // Typing in a field, or Space/Enter on a focused control, keeps its own meaning.
    if (tag === "input" || tag === "select" || tag === "textarea") {
      return;
    }
    if ((tag === "button" || tag === "a") && (event.key === " " || event.key === "Enter")) {
      return;
    }
    if (FORWARD.indexOf(event.key) >= 0) {
      event.preventDefault();
      go(root, current(root) + 1);
    } else if (BACK.indexOf(event.key) >= 0) {
      event.preventDefault();
      go(root, current(root) - 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      document.getElementById("presentation-exit").click();
    }
  });

  document.addEventListener("click", function (event) {
    var root = document.getElementById("presentation");
    var button = event.target && event.target.closest && event.target.closest("button");
    if (!root || !button) {
      return;
    }
    if (button.id === "presentation-next") {
      go(root, current(root) + 1);
    } else if (button.id === "presentation-previous") {
      go(root, current(root) - 1);
    }
  });

  function size() {
    return { width: window.innerWidth, height: window.innerHeight };
  }

  // A window moved to the beamer, or put full screen, gets its screens drawn anew for its size.
  var resizing = null;
  window.addEventListener("resize", function () {
    if (!document.getElementById("presentation")) {
      return;
    }
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      window.dash_clientside.set_props("presentation-window", { data: size() });
    }, 250);
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    presentation: {
      // The window's size when the show opens: every screen is drawn to fit it.
      size: function (_show) {
        return size();
      },
      // A hallway screen: the timer moves on and starts over at the end.
      tick: function (_ticks) {
        var root = document.getElementById("presentation");
        if (!root) {
          return window.dash_clientside.no_update;
        }
        var total = parseInt(root.dataset.total, 10) || 1;
        shown.root = root;
        shown.step = (current(root) % total) + 1;
        return shown.step;
      },
    },
  });
})();
