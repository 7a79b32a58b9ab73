// Presenter view: the time of day and the time since this window opened, counted in the browser
// (no request to the server every second).
(function () {
  var opened = null;
  var seen = null;

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function tick() {
    var root = document.getElementById("presenter");
    if (!root) {
      seen = null;
      return;
    }
    if (root !== seen) {
      seen = root;
      opened = Date.now();
    }
    var now = new Date();
    var clock = document.getElementById("presenter-clock");
    var elapsed = document.getElementById("presenter-elapsed");
    if (clock) {
      clock.textContent = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
    }
    if (elapsed) {
      var seconds = Math.floor((Date.now() - opened) / 1000);
      elapsed.textContent =
        Math.floor(seconds / 3600) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
    }
  }

  setInterval(tick, 500);
})();
