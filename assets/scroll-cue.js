// Marks every sideways-scrolling box (.table-responsive) that has more to show than fits, so the
// stylesheet can show a cue ("Schuif opzij …"). Dash draws tables after the page has loaded and
// again on every update, so boxes are checked on changes to the page and on resizing.
(function () {
  var CUE = {
    nl: "Schuif opzij voor de rest van de tabel",
    en: "Scroll sideways for the rest of the table"
  };
  var pending = false;

  function set(box, name, value) {
    if (box.getAttribute(name) !== value) {
      box.setAttribute(name, value);
    }
  }

  function check() {
    pending = false;
    var language = (document.documentElement.lang || "nl").slice(0, 2);
    var boxes = document.querySelectorAll(".table-responsive");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var wide = box.scrollWidth - box.clientWidth > 1;
      var end = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
      set(box, "data-overflows", wide ? "true" : "false");
      set(box, "data-at-end", end ? "true" : "false");
      if (!box.getAttribute("data-cue")) {
        box.setAttribute("data-cue", CUE[language] || CUE.nl);
      }
    }
  }

  function later() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(check);
    }
  }

  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", later);
  // Scrolling to the end takes the bar at the right edge away; scroll events do not bubble, so listen while capturing.
  document.addEventListener("scroll", later, true);
})();
