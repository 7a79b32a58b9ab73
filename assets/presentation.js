// Presentation mode: the keys that presentation clickers send step through the screens; Esc leaves.
(function () {
  var FORWARD = ["ArrowRight", "PageDown", " ", "Spacebar"];
  var BACK = ["ArrowLeft", "PageUp"];

  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("presentation") || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target || {};
    var tag = (target.tagName || "").toLowerCase();
    // Typing in a field, or Space/Enter on a focused control, keeps its own meaning.
    if (tag === "input" || tag === "select" || tag === "textarea") {
      return;
    }
    if ((tag === "button" || tag === "a") && (event.key === " " || event.key === "Enter")) {
      return;
    }
    var id = null;
    if (FORWARD.indexOf(event.key) >= 0) {
      id = "presentation-next";
    } else if (BACK.indexOf(event.key) >= 0) {
      id = "presentation-previous";
    } else if (event.key === "Escape") {
      id = "presentation-exit";
    }
    if (id) {
      event.preventDefault();
      document.getElementById(id).click();
    }
  });
})();
