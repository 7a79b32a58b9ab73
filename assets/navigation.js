// The navigation folds behind a menu button on narrow screens (Bootstrap's collapse, without its
// JavaScript bundle): the button opens and shuts it and says whether it is open.
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.hzw = Object.assign(window.dash_clientside.hzw || {}, {
  toggleNavigation: function (_clicks, className) {
    var classes = (className || "").split(" ").filter(Boolean);
    var open = classes.indexOf("show") === -1;
    classes = classes.filter(function (c) { return c !== "show"; });
    if (open) {
      classes.push("show");
    }
    return [classes.join(" "), open ? "true" : "false"];
  },
  // Below Bootstrap's "sm" breakpoint a figure gets a phone layout (layouts/figures/theme.py PHONE).
  isNarrow: function (_id) {
    // The server drew the page for a wide screen (the store starts false): only a phone changes it.
    return window.innerWidth < 576 ? true : window.dash_clientside.no_update;
  }
});
