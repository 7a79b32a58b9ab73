// Presentation mode: the keys that presentation clickers send step through the screens; Esc leaves.
// The step is counted here, in the browser, and handed to Dash with set_props: quick presses must
// each take a step, in order, which callbacks answered by the server cannot promise.
// The beamer window (#presentation) and the presenter window (#presenter) of one show keep in step
// over a BroadcastChannel: each posts a step it took itself and follows the other's, so no echo.
(function () {
  var FORWARD = ["ArrowRight", "PageDown", " ", "Spacebar"];
  var BACK = ["ArrowLeft", "PageUp"];
  var shown = { root: null, step: 1 };
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("hzw-presentatie") : null;

  function showRoot() {
    return document.getElementById("presentation") || document.getElementById("presenter");
  }

  function storeOf(root) {
    return root.dataset.store || "presentation-step";
  }

  function post(root, extra) {
    if (!channel) {
      return;
    }
    var message = {
      step: current(root),
      total: parseInt(root.dataset.total, 10) || 1,
      show: root.dataset.show,
    };
    // The beamer's size: the presenter counts the screens as the beamer shows them.
    if (root.id === "presentation") {
      message.window = size();
    }
    channel.postMessage(Object.assign(message, extra || {}));
  }

  if (channel) {
    channel.onmessage = function (event) {
      var root = showRoot();
      var message = event.data || {};
      if (!root || message.show !== root.dataset.show) {
        return;
      }
      if (message.ask) {
        post(root);
        return;
      }
      if (root.id === "presenter" && message.window) {
        window.dash_clientside.set_props("presenter-window", { data: message.window });
      }
      var step = message.step;
      if (typeof step === "number" && step >= 1 && step !== current(root)) {
        shown.step = step;
        window.dash_clientside.set_props(storeOf(root), { data: step });
      }
    };
    // A window that opens asks the other where the show is.
    var greeted = null;
    setInterval(function () {
      var root = showRoot();
      if (root && root !== greeted) {
        greeted = root;
        current(root);
        channel.postMessage({ ask: true, show: root.dataset.show });
      }
    }, 250);
  }

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
      window.dash_clientside.set_props(storeOf(root), { data: next });
      post(root);
    }
  }

  document.addEventListener("keydown", function (event) {
    var root = showRoot();
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
    } else if (event.key === "Escape" && document.getElementById("presentation-exit")) {
      event.preventDefault();
      document.getElementById("presentation-exit").click();
    }
  });

  document.addEventListener("click", function (event) {
    var root = showRoot();
    var button = event.target && event.target.closest && event.target.closest("button");
    if (!root || !button) {
      return;
    }
    if (button.id === "presentation-next" || button.id === "presenter-forward") {
      go(root, current(root) + 1);
    } else if (button.id === "presentation-previous" || button.id === "presenter-back") {
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
        post(root);
        return shown.step;
      },
    },
  });
})();
