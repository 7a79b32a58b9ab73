// The trace types the monitor draws; `npm run build` bundles only these into
// dashboard/static/plotly.min.js (see dashboard/plotly_bundle.py). Scatter is always in the core.
// A figure builder that starts using another trace type must add it here and rebuild: the tests
// compare this list with the trace types the figures use.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/indicator"),
  require("plotly.js/lib/choropleth"),
]);

// The map draws the regions from the monitor's own boundaries and hides every base layer
// (layouts/figures/maps.py GEO_LAYOUT). plotly.js still fetches a world topology from its CDN
// before drawing a choropleth, although it uses none of it then; an empty topology for the map's
// scope stands in, so no request leaves the server. Its name is scope + resolution.
window.PlotlyGeoAssets.topojson.world_110m = { type: "Topology", objects: {}, arcs: [] };

window.Plotly = Plotly;
