// "Toon als tabel": the numbers of a figure as an accessible table. Each figure builder puts its
// table (already formatted, in the page's language) in layout.meta.table, so the table shows the
// same numbers as the figure and needs no request of its own.
//
// The switch's clientside callback (callbacks/figure_tables.py) hears only the switch. A new
// figure reaches the table from the "hzw-graph-figure" event (assets/graph_draws.js): an open
// table is redrawn from it and the switch shows or hides with it, through set_props. A closed
// table, by far the common case, costs nothing then: as a callback on the figure, the tables'
// callbacks were the last 30 ms of every change of year on the national page.
window.dash_clientside = window.dash_clientside || {};
(function () {
  function cell(type, text, scope) {
    var props = { children: text === null || text === undefined ? "–" : String(text) };
    if (scope) {
      props.scope = scope;
    }
    return { type: type, namespace: "dash_html_components", props: props };
  }

  function tableOf(figure) {
    return (figure && figure.layout && figure.layout.meta && figure.layout.meta.table) || null;
  }

  function drawn(table) {
    var head = {
      type: "Thead",
      namespace: "dash_html_components",
      props: {
        children: {
          type: "Tr",
          namespace: "dash_html_components",
          props: { children: table.columns.map(function (c) { return cell("Th", c, "col"); }) }
        }
      }
    };
    var body = {
      type: "Tbody",
      namespace: "dash_html_components",
      props: {
        children: table.rows.map(function (row) {
          return {
            type: "Tr",
            namespace: "dash_html_components",
            props: {
              children: row.map(function (value, i) {
                return i === 0 ? cell("Th", value, "row") : cell("Td", value);
              })
            }
          };
        })
      }
    };
    var caption = { type: "Caption", namespace: "dash_html_components", props: { children: table.caption } };
    var element = {
      type: "Table",
      namespace: "dash_html_components",
      props: { className: "table table-sm figure-table", children: [caption, head, body] }
    };
    return {
      type: "Div",
      namespace: "dash_html_components",
      props: { className: "table-responsive", children: element }
    };
  }

  window.dash_clientside.hzw = Object.assign(window.dash_clientside.hzw || {}, {
    figureTable: function (clicks, figure) {
      var open = (clicks || 0) % 2 === 1;
      var table = tableOf(figure);
      if (!open || !table) {
        return [null, open ? "true" : "false", !table];
      }
      return [drawn(table), "true", false];
    }
  });

  document.addEventListener("hzw-graph-figure", function (event) {
    var box = event.target && event.target.closest ? event.target.closest(".dash-graph[id]") : null;
    var toggle = box ? document.getElementById(box.id + "-tabel-knop") : null;
    var setProps = window.dash_clientside.set_props;
    if (!toggle || typeof setProps !== "function") {
      return;
    }
    var table = tableOf(event.detail);
    if (toggle.hidden !== !table) {
      setProps(toggle.id, { hidden: !table });
    }
    if (toggle.getAttribute("aria-expanded") === "true") {
      setProps(box.id + "-tabel", { children: table ? drawn(table) : null });
    }
  });
})();
