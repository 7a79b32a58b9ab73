// The Data page: the moment a new file is chosen, the previous file's report and result go.
// dcc.Upload sets its contents only after the browser has read the whole file, which takes seconds
// for a large one; so the input's change event hides the old report at once, and the clientside
// callback below (on the new contents) empties it and shows the box again for the new report.
(function () {
  var BOXES = ["upload-report", "upload-result"];
  function hide(event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest("#upload")) return;
    if (event.type === "change" && !(target instanceof HTMLInputElement && target.type === "file")) return;
    BOXES.forEach(function (id) {
      var box = document.getElementById(id);
      if (box) box.hidden = true;
    });
  }
  // Chosen with the file dialog (change) or dropped on the zone (drop).
  document.addEventListener("change", hide, true);
  document.addEventListener("drop", hide, true);
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.hzw = Object.assign(window.dash_clientside.hzw || {}, {
    clearUpload: function () {
      BOXES.forEach(function (id) {
        var box = document.getElementById(id);
        if (box) box.hidden = false;
      });
      return [null, null, true];
    },
  });
})();
