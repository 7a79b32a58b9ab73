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

  function fixLinks(root) {
    var code = language();
    root.querySelectorAll("a[href]").forEach(function (link) {
      var raw = link.getAttribute("href");
      if (!raw || raw.charAt(0) !== "/" || raw.charAt(1) === "/" || link.hasAttribute("hreflang")) {
        return;
      }
      var target = withLanguage(raw, code);
      if (target !== null && target !== raw) {
        link.setAttribute("href", target);
      }
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

  function start() {
    fixLinks(document);
    new MutationObserver(function () {
      repairUrl();
      fixLinks(document);
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] });
    window.addEventListener("popstate", function () {
      fixLinks(document);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
