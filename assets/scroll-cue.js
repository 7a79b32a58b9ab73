// Marks every sideways-scrolling box (.table-responsive) that has more to show than fits, so the
// stylesheet can show a cue ("Schuif opzij …"). Dash draws tables after the page has loaded and
// again on every update, so new boxes are looked for on changes to the page.
//
// Boxes are measured from a ResizeObserver, which reports after the browser has laid the page
// out: reading a box's widths any earlier makes the browser lay out the whole page on the spot,
// and while a page loads that happened once per batch of changes (50 ms of a 900 ms load).
(function () {
  var CUE = {
    nl: "Schuif opzij voor de rest van de tabel",
    en: "Scroll sideways for the rest of the table"
  };
  var pending = false;
  var watched = new WeakSet();

  function set(box, name, value) {
    if (box.getAttribute(name) !== value) {
      box.setAttribute(name, value);
    }
  }

  function measure(box) {
    var wide = box.scrollWidth - box.clientWidth > 1;
    var end = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
    set(box, "data-overflows", wide ? "true" : "false");
    set(box, "data-at-end", end ? "true" : "false");
  }

  // The box changes width with the window; its content changes width when a table is redrawn.
  var sizes = new ResizeObserver(function (entries) {
    var seen = new Set();
    entries.forEach(function (entry) {
      var box = entry.target.closest(".table-responsive");
      if (box && !seen.has(box)) {
        seen.add(box);
        measure(box);
      }
    });
  });

  function look() {
    pending = false;
    var language = (document.documentElement.lang || "nl").slice(0, 2);
    var boxes = document.querySelectorAll(".table-responsive");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (!box.getAttribute("data-cue")) {
        box.setAttribute("data-cue", CUE[language] || CUE.nl);
      }
      var content = box.firstElementChild;
      if (!watched.has(box)) {
        watched.add(box);
        sizes.observe(box);
      }
      if (content && !watched.has(content)) {
        watched.add(content);
        sizes.observe(content);
      }
    }
  }

  function later() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(look);
    }
  }

  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  // Scrolling to the end takes the bar at the right edge away; scroll events do not bubble, so listen while capturing.
  document.addEventListener(
    "scroll",
    function (event) {
      var box = event.target;
      if (box && box.classList && box.classList.contains("table-responsive")) {
        measure(box);
      }
    },
    true
  );
})();
