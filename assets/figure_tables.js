// "Toon als tabel": the numbers of a figure as an accessible table. Each figure builder puts its
// table (already formatted, in the page's language) in layout.meta.table, so the table shows the
// same numbers as the figure and needs no request of its own.
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.hzw = Object.assign(window.dash_clientside.hzw || {}, {
  figureTable: function (clicks, figure) {
    var open = (clicks || 0) % 2 === 1;
    var table = figure && figure.layout && figure.layout.meta && figure.layout.meta.table;
    if (!open || !table) {
      return [null, open ? "true" : "false", !table];
    }
    function cell(type, text, scope) {
      var props = { children: text === null || text === undefined ? "–" : String(text) };
      if (scope) {
        props.scope = scope;
      }
      return { type: type, namespace: "dash_html_components", props: props };
    }
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
    var wrapper = {
      type: "Div",
      namespace: "dash_html_components",
      props: { className: "table-responsive", children: element }
    };
    return [wrapper, "true", false];
  }
});
