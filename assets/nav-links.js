// The navigation's links are plain markup (layouts/shell.py nav_link): each names in data-current
// whether it marks only its own page ("exact") or also the pages below it ("partial"). The server
// marks the link of the page it sends; this script
// - opens a link inside the app as Dash's links do: the address changes and Dash's pages follow
//   it, without loading the page again (a click with a modifier key still opens a new tab);
// - moves the mark (class "active" and aria-current="page") when the address changes.
// It only touches a link whose mark is wrong, so on a fresh page it changes nothing.
(function () {
  function isCurrent(link, path) {
    var href = new URL(link.href, window.location.href).pathname;
    var below = href.replace(/\/$/, "") + "/";
    return path === href || (link.getAttribute("data-current") === "partial" && path.indexOf(below) === 0);
  }

  function mark() {
    var path = window.location.pathname;
    var links = document.querySelectorAll("a[data-current]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var current = isCurrent(link, path);
      // A forced toggle that changes nothing leaves the attribute alone (no change to the page).
      link.classList.toggle("active", current);
      if ((link.getAttribute("aria-current") === "page") !== current) {
        if (current) {
          link.setAttribute("aria-current", "page");
        } else {
          link.removeAttribute("aria-current");
        }
      }
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-current]") : null;
    if (!link || event.defaultPrevented || event.button !== 0) {
      return;
    }
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    window.history.pushState({}, "", link.href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
    mark();
  });
  // Back and forward; a page that changes its own address (dcc.Location) tells Dash's listeners.
  window.addEventListener("popstate", mark);
  window.addEventListener("_dashprivate_historychange", mark);
})();
