// Sections below the first screen are filled when they come near the viewport: an element with
// data-lazy="<store id>" sets that dcc.Store's data to true once it is within a screen's
// height of view (scrolled to, tabbed into or shown on a tall screen), and the section's callback
// listens to the store. Dash replaces the page on navigation, so new sections are found by
// watching the page for changes.
(function () {
  var observer = null;

  function seen(entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) {
        return;
      }
      observer.unobserve(entry.target);
      var store = entry.target.getAttribute("data-lazy");
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props(store, { data: true });
      }
    });
  }

  // Sections watched already: kept here, not marked on the page (a change to it once drawn).
  var watching = new WeakSet();

  function watch() {
    var sections = document.querySelectorAll("[data-lazy]");
    for (var i = 0; i < sections.length; i++) {
      if (!watching.has(sections[i])) {
        watching.add(sections[i]);
        observer.observe(sections[i]);
      }
    }
  }

  if (!("IntersectionObserver" in window)) {
    return;
  }
  observer = new IntersectionObserver(seen, { rootMargin: "100% 0px" });
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        watch();
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
