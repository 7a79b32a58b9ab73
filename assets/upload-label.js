// dcc.Upload renders a file input without any label and offers no prop to give it one; screen
// readers would announce a nameless control. Name every such input once it appears.
(function () {
  function label() {
    document.querySelectorAll(".upload-zone input[type=file]:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", "Bestand kiezen om aan te leveren");
    });
  }
  new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
})();
