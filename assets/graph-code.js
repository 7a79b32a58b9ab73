// dcc.Graph draws through a lazy component (React.lazy): its first render only asks for the
// graph's code and Plotly, shows an empty box and waits. Both are on the page already (the page's
// scripts hold them, dashboard/infra/plotly_bundle.py), but a promise settles only after the
// render that asked: React then renders the graphs again in a task of its own, lays the page out
// once more, and only then does Plotly start. On the region page that was a second render, commit
// and layout of the page between its first commit and its first gauge.
//
// The renderer's start (dashboard/app.py, ``app.renderer``) calls this first: it renders one
// Graph into a box outside the page and lets go of it at once. That asks for the code; by the time
// the page's layout has come, the lazy component has it, and each graph of the page is drawn in
// the commit that mounts it.
(function () {
  window.hzwLoadGraphCode = function () {
    var React = window.React;
    var ReactDOM = window.ReactDOM;
    var dcc = window.dash_core_components;
    // Only with the code at hand: otherwise dcc.Graph would load Plotly itself, a second time.
    if (!React || !ReactDOM || !ReactDOM.render || !dcc || !dcc.Graph || !window.Plotly) {
      return;
    }
    var box = document.createElement("div");
    try {
      ReactDOM.render(React.createElement(dcc.Graph, { id: "hzw-graph-code" }), box);
      ReactDOM.unmountComponentAtNode(box);
    } catch (error) {
      // The page draws its graphs as before, one render later.
    }
  };
})();
