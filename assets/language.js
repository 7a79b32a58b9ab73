// Keeps the chosen language in the URL: every Dash request carries the page's language, every
// link within the monitor keeps ?lang=en, and the language switch keeps the current view.
(function () {
  // The page was served in this language (the server sets <html lang>); callbacks that rewrite
  // the query may drop ?lang=en, so the attribute is the fallback and the URL is repaired.
  function language() {
    var found = new URLSearchParams(window.location.search).get("lang");
    if (found === "en" || found === "nl") {
      return found;
    }
    return document.documentElement.lang === "en" ? "en" : "nl";
  }

  function repairUrl() {
    var code = language();
    var params = new URLSearchParams(window.location.search);
    if (code === "en" && params.get("lang") !== "en") {
      params.set("lang", "en");
      window.history.replaceState(window.history.state, "", window.location.pathname + "?" + params + window.location.hash);
    }
  }

  function withLanguage(href, code) {
    var url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin) {
      return null;
    }
    if (code === "nl") {
      url.searchParams.delete("lang");
    } else {
      url.searchParams.set("lang", code);
    }
    return url.pathname + url.search + url.hash;
  }

  // Dash calls this before every callback request; the server reads the field as the language.
  window.hzwRequestPre = function (payload) {
    payload.lang = language();
  };

  function fixLink(link, code) {
    var raw = link.getAttribute("href");
    if (!raw || raw.charAt(0) !== "/" || raw.charAt(1) === "/" || link.hasAttribute("hreflang")) {
      return;
    }
    // Dutch is the default: a link without "lang=" is right as it is, with nothing to parse.
    if (code === "nl" && raw.indexOf("lang=") === -1) {
      return;
    }
    var target = withLanguage(raw, code);
    if (target !== null && target !== raw) {
      link.setAttribute("href", target);
    }
  }

  function fixAll(root, code) {
    if (root.nodeType !== 1 && root.nodeType !== 9) {
      return;
    }
    if (root.nodeType === 1 && root.matches("a[href]")) {
      fixLink(root, code);
    }
    root.querySelectorAll("a[href]").forEach(function (link) {
      fixLink(link, code);
    });
  }

  // The links in ``roots`` (the whole page when none are named) and the language switch.
  function fixLinks(roots) {
    var code = language();
    (roots || [document]).forEach(function (root) {
      fixAll(root, code);
    });
    var toggle = document.getElementById("language-switch");
    if (toggle) {
      var other = toggle.getAttribute("hreflang") || "en";
      var switched = withLanguage(window.location.href, other);
      // Only a real change: setting the same value would wake the observer again, forever.
      if (toggle.getAttribute("href") !== switched) {
        toggle.setAttribute("href", switched);
      }
    }
  }

  // Only what changed is looked at: a whole-page pass on every change took 1-3 ms in the middle
  // of drawing a new page or year.
  function changed(records) {
    var roots = [];
    records.forEach(function (record) {
      if (record.type === "attributes") {
        roots.push(record.target);
      } else {
        record.addedNodes.forEach(function (node) {
          roots.push(node);
        });
      }
    });
    return roots;
  }

  function start() {
    fixLinks();
    new MutationObserver(function (records) {
      repairUrl();
      fixLinks(changed(records));
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] });
    window.addEventListener("popstate", function () {
      fixLinks();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
