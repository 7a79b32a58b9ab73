// AG Grid (a 1.3 MB bundle) loads when a grid is first drawn, not with every page.
//
// Only the region page's organisations grid uses it, and that grid is mounted when its section
// comes near the viewport. The page leaves the bundle's script out (dashboard/app.py) and names
// it in #hzw-lazy-scripts; this stands in for the bundle's AgGrid until the bundle has arrived,
// then draws the real grid with the same props. The stand-in stays the component Dash finds
// under dash_ag_grid.AgGrid, so a grid is never swapped for another type (and remounted) later.
(function () {
  var named = document.getElementById("hzw-lazy-scripts");
  var src = named ? JSON.parse(named.textContent).dash_ag_grid : null;
  if (!src || window.dash_ag_grid) {
    return; // the bundle came with the page after all
  }
  var React = window.React;
  var loaded = null;
  var loading = null;
  var shim = {};

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          var bundle = window.dash_ag_grid;
          loaded = bundle.AgGrid;
          Object.keys(bundle).forEach(function (key) {
            if (key !== "AgGrid") {
              shim[key] = bundle[key];
            }
          });
          window.dash_ag_grid = shim;
          resolve(loaded);
        };
        script.onerror = function () {
          loading = null; // a later grid tries again
          reject(new Error("AG Grid did not load"));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function AgGrid(props) {
    var state = React.useState(function () {
      return loaded;
    });
    var grid = state[0];
    var setGrid = state[1];
    React.useEffect(function () {
      if (!grid) {
        load().then(
          function (real) {
            setGrid(function () {
              return real;
            });
          },
          function () {
            // Nothing to draw with: the section keeps its downloads and its list of organisations.
          }
        );
      }
    }, [grid]);
    return grid ? React.createElement(grid, props) : null;
  }

  shim.AgGrid = AgGrid;
  window.dash_ag_grid = shim;
})();
