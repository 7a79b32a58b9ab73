// StaticHtml (layouts/static_html.py): a serialised dash.html tree drawn as plain React elements,
// one Dash component for the whole tree instead of one per element. Text goes through React, so
// it is escaped as in any Dash component; only dash.html elements are drawn.
//
// A click on a <button data-value="…"> inside sets the component's `clicked` property to
// {value, count}; the count makes a second click on the same button a change Dash passes on.
//
// A tree made by collapse (layouts/static_html.py) marks the places of components that stay
// components (graphs, controls, elements with an id) with {type: "Slot", props: {index}}; the
// renderer hands those components over in `slots`, drawn, and each goes to its place.
(function () {
  var React = window.React;
  var HTML = "dash_html_components";
  // dash.html names that are not the tag's own.
  var TAGS = { ObjectEl: "object", MapEl: "map" };
  // Properties of dash.html components that belong to Dash, not to the element.
  var DASH_ONLY = {
    children: true,
    n_clicks: true,
    n_clicks_timestamp: true,
    disable_n_clicks: true,
    loading_state: true,
    setProps: true,
  };

  function element(node, key, slots) {
    if (node === null || node === undefined || typeof node === "boolean") {
      return null;
    }
    if (typeof node === "string" || typeof node === "number") {
      return node;
    }
    if (Array.isArray(node)) {
      return node.map(function (item, index) {
        return element(item, index, slots);
      });
    }
    if (typeof node !== "object") {
      return null;
    }
    if (node.namespace === "hzw_static" && node.type === "Slot") {
      var slot = slots && node.props ? slots[node.props.index] : undefined;
      return slot === undefined ? null : React.createElement(React.Fragment, { key: key }, slot);
    }
    if (node.namespace !== HTML || typeof node.type !== "string") {
      return null;
    }
    var source = node.props || {};
    var props = { key: key };
    Object.keys(source).forEach(function (name) {
      // A pattern-matching id means nothing outside Dash: left out.
      if (!DASH_ONLY[name] && !(name === "id" && typeof source.id !== "string")) {
        props[name] = source[name];
      }
    });
    var tag = TAGS[node.type] || node.type.toLowerCase();
    return React.createElement(tag, props, element(source.children, undefined, slots));
  }

  function StaticHtml(props) {
    var count = React.useRef(0);
    if (props.bare) {
      // A run of a page's plain elements (collapse in layouts/static_html.py): no element of its own.
      return React.createElement(React.Fragment, null, element(props.tree, 0, props.slots));
    }
    var onClick = function (event) {
      var button = event.target.closest ? event.target.closest("button[data-value]") : null;
      if (!button || !event.currentTarget.contains(button) || !props.setProps) {
        return;
      }
      count.current += 1;
      props.setProps({ clicked: { value: button.getAttribute("data-value"), count: count.current } });
    };
    return React.createElement(
      "div",
      { id: typeof props.id === "string" ? props.id : undefined, onClick: onClick },
      element(props.tree, 0, props.slots)
    );
  }

  window.hzw_static = { StaticHtml: StaticHtml };
})();
