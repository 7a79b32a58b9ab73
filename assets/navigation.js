// The navigation folds behind a menu button on narrow screens (Bootstrap's collapse, without its
// JavaScript bundle): the button opens and shuts it and says whether it is open.
window.dash_clientside = window.dash_clientside || {};

// The menu's classes without "show": the menu shut.
function hzwShutMenu(className) {
  return (className || "").split(" ").filter(function (c) { return c && c !== "show"; }).join(" ");
}

window.dash_clientside.hzw = Object.assign(window.dash_clientside.hzw || {}, {
  toggleNavigation: function (_clicks, className) {
    var open = (className || "").split(" ").indexOf("show") === -1;
    var shut = hzwShutMenu(className);
    return [open ? (shut ? shut + " show" : "show") : shut, open ? "true" : "false"];
  },
  // One tick more on a dcc.Interval's count (callbacks/shell.py: the frame's clock).
  tick: function (_changed, count) {
    return (count || 0) + 1;
  },
  // A click on a row of the organisations grid opens that organisation's page: each row carries
  // its address (callbacks/organisation.py update_organisations). A grid that appears reports an
  // empty click: nothing happens then.
  openOrganisation: function (cell, rows) {
    var id = cell && cell.rowId;
    var row = id === undefined || id === null ? null : (rows || []).find(function (r) {
      return String(r.id) === String(id);
    });
    return row && typeof row.adres === "string" ? row.adres : window.dash_clientside.no_update;
  }
});

// A link chosen in the opened menu (a phone, or 200 % zoom) shuts the menu: the navigation stays
// on the page when Dash's pages change what is under it, so the menu stayed open over the next
// page. The menu's own state is Dash's (the button's clientside callback reads the class), so it
// is shut through Dash too.
document.addEventListener(
  "click",
  function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    var menu = link ? link.closest(".navbar-collapse.show[id]") : null;
    var setProps = window.dash_clientside && window.dash_clientside.set_props;
    if (!menu || typeof setProps !== "function") {
      return;
    }
    setProps(menu.id, { className: hzwShutMenu(menu.className) });
    var toggle = document.querySelector('[aria-controls="' + menu.id + '"][id]');
    if (toggle) {
      setProps(toggle.id, { "aria-expanded": "false" });
    }
  },
  true
);

// A click on the national map opens the clicked region's page at once, as a link does: the
// address changes and Dash's pages follow it. The figure carries the query of that address for
// the page's year and peildatum (layouts/national_content.py update_map), so the click needs no
// request of its own; the region page itself checks the code it is given. Before, the click went
// through a clientside callback and a dcc.Location, a round of the renderer's work (about 20 ms)
// before the page was even asked for.
(function () {
  function regionAddress(gd, click) {
    var point = click && click.points && click.points[0];
    var meta = (gd.layout && gd.layout.meta) || {};
    var code = point && (point.location || (Array.isArray(point.customdata) ? point.customdata[0] : null));
    if (typeof code !== "string" || !/^AM[0-9]{2}$/.test(code)) {
      return null;
    }
    // A figure without the query (kept in a cache by an older version) opens the page's defaults.
    return "/regio/" + code + (typeof meta.regionQuery === "string" ? meta.regionQuery : "");
  }

  // dcc.Link scrolls to the top as it is clicked. The map sits below the first screen, so that
  // showed the top of the page being left and cost a frame of painting it before the next page
  // was even asked for. The map's click has the next page open at its top once it is in place
  // (assets/page-start.js), so its first frame shows its top.
  function open(address) {
    // What dcc.Link does for a page of this app.
    window.history.pushState({}, "", address);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.hzwPageStart.scrollToTopOnArrival();
  }

  // The pointer's own click opens the region it rests on, before Plotly hears of it: Plotly's
  // map turns a click into "plotly_click" and dcc.Graph into a clickData prop that nothing reads,
  // a round of the renderer's work (about 10 ms) before the address even changed. Plotly tells
  // which region is under the pointer as it moves ("plotly_hover", with the mouse event); when
  // the click comes where that hover was measured, that is the region clicked. Any other click (a
  // tap the hover has not caught up with, a pointer moved since) goes through Plotly as before.
  function clickOnHovered(gd) {
    var hovered = null;
    gd.on("plotly_hover", function (hover) {
      var at = hover && hover.event;
      hovered = at && hover.points && hover.points[0] ? { point: hover.points[0], x: at.clientX, y: at.clientY } : null;
    });
    gd.on("plotly_unhover", function () {
      hovered = null;
    });
    gd.addEventListener(
      "click",
      function (event) {
        var here = hovered && event.button === 0 && Math.abs(event.clientX - hovered.x) <= 1 && Math.abs(event.clientY - hovered.y) <= 1;
        var address = here ? regionAddress(gd, { points: [hovered.point] }) : null;
        if (address) {
          event.stopImmediatePropagation();
          open(address);
        }
      },
      true
    );
  }

  // assets/graph_draws.js tells each graph drawn; only a map that carries the query listens.
  document.addEventListener("hzw-graph-drawn", function (event) {
    var gd = event.target;
    var meta = gd && gd.layout && gd.layout.meta;
    if (!meta || !("regionQuery" in meta) || gd.hzwRegionClicks || typeof gd.on !== "function") {
      return;
    }
    gd.hzwRegionClicks = true;
    clickOnHovered(gd);
    gd.on("plotly_click", function (click) {
      var address = regionAddress(gd, click);
      if (address) {
        open(address);
      }
    });
  });
})();
