// Presentation mode: the keys that presentation clickers send step through the screens; Esc leaves.
// The step is counted here, in the browser, and handed to Dash with set_props: quick presses must
// each take a step, in order, which callbacks answered by the server cannot promise. Every screen
// is drawn when the show opens; a step only shows another one, without asking the server.
// The beamer window (#presentation) and the presenter window (#presenter) of one show keep in step
// over a BroadcastChannel: each posts a step it took itself and follows the other's, so no echo.
(function () {
  var FORWARD = ["ArrowRight", "PageDown", " ", "Spacebar"];
  var BACK = ["ArrowLeft", "PageUp"];
  var shown = { root: null, step: 1 };
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("hzw-presentatie") : null;
  // The beamer's size the presenter window last drew its notes for.
  var beamer = { root: null, size: null };

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
      // A new size only: the same size again would draw every screen's notes anew, by request.
      var told = JSON.stringify(message.window || null);
      if (root.id === "presenter" && message.window && (root !== beamer.root || told !== beamer.size)) {
        beamer.root = root;
        beamer.size = told;
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
      // The screen and its position line at once; the URL follows through the step's store.
      reveal(next);
      say(next);
      revealNotes(next);
      window.dash_clientside.set_props(storeOf(root), { data: next });
      post(root);
    }
  }

  // Every screen of the show is in the page, drawn (#presentation-screen > .presentation-slide):
  // stepping shows one and hides the others. A hidden screen is inert (no Tab, no screen reader);
  // the style sheet hides it with visibility, so its figures keep the size they are shown at.
  function reveal(step) {
    var screen = document.getElementById("presentation-screen");
    if (!screen) {
      return;
    }
    watch(screen);
    var focused = document.activeElement;
    var lost = false;
    var target = null;
    Array.prototype.forEach.call(screen.children, function (slide) {
      if (!slide.classList.contains("presentation-slide")) {
        return;
      }
      var on = slide.dataset.step === String(step);
      if (on) {
        target = slide;
        slide.setAttribute("data-shown", "");
        slide.inert = false;
      } else {
        lost = lost || (focused && slide.contains(focused));
        slide.removeAttribute("data-shown");
        slide.inert = true;
      }
    });
    // Focus inside the screen that went away moves to the heading of the one that came.
    var heading = target && target.querySelector("h1");
    if (lost && heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }

  // The position line (aria-live) of each screen, from the deck the server drew; this script
  // alone writes the line, so it changes with the screen, in the same frame.
  var deck = { root: null, entries: [] };

  function say(step) {
    var line = document.getElementById("presentation-position");
    var root = document.getElementById("presentation");
    var entry = root === deck.root ? deck.entries[step - 1] : null;
    if (line && entry && line.textContent !== entry.position) {
      line.textContent = entry.position;
    }
  }

  // The presenter's notes of every screen are in the page too (#presenter-notes > .presenter-note).
  function revealNotes(step) {
    var notes = document.getElementById("presenter-notes");
    if (!notes) {
      return;
    }
    watch(notes);
    Array.prototype.forEach.call(notes.children, function (note) {
      if (note.dataset.step === String(step)) {
        note.setAttribute("data-shown", "");
      } else {
        note.removeAttribute("data-shown");
      }
    });
  }

  // A deck drawn anew (a resized window) shows the current screen as soon as it is in the page.
  var watched = null;
  var watcher = "MutationObserver" in window ? new MutationObserver(function () {
    var root = showRoot();
    if (root && root.id === "presentation") {
      reveal(current(root));
    } else if (root) {
      revealNotes(current(root));
    }
  }) : null;

  function watch(screen) {
    if (watcher && screen !== watched) {
      watched = screen;
      watcher.disconnect();
      watcher.observe(screen, { childList: true });
    }
  }

  // Whether the address is the one the show was opened with: that screen is not written again.
  var opened = null;

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
      // The step's screen shown, its position line and its URL, from the deck the server drew
      // once: no request, so the show steps on when the meeting room's network drops.
      show: function (step, entries) {
        var none = window.dash_clientside.no_update;
        var root = document.getElementById("presentation");
        if (!root || !Array.isArray(entries) || !entries.length) {
          return none;
        }
        deck.root = root;
        deck.entries = entries;
        var chosen = typeof step === "number" ? step : 1;
        var number = Math.min(Math.max(chosen, 1), entries.length);
        shown.root = root;
        shown.step = number;
        reveal(number);
        say(number);
        var entry = entries[number - 1] || {};
        var first = opened !== root;
        opened = root;
        var start = parseInt(root.dataset.start, 10) || 1;
        // Each step is a history entry (Back steps back), but the opening screen is not written twice.
        if (window.location.search === entry.query || (first && number === start)) {
          return none;
        }
        return entry.query;
      },
      // The presenter's titles and notes at the step, from the notes drawn once: no request.
      present: function (step, deck) {
        var none = window.dash_clientside.no_update;
        var root = document.getElementById("presenter");
        if (!root || !Array.isArray(deck) || !deck.length) {
          return [none, none];
        }
        var chosen = typeof step === "number" ? step : 1;
        var number = Math.min(Math.max(chosen, 1), deck.length);
        shown.root = root;
        shown.step = number;
        revealNotes(number);
        var entry = deck[number - 1] || {};
        return [entry.current, entry.next];
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
