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
//
// A new tree far below or above the screen is drawn when it comes near, as figures are
// (assets/graph_draws.js): a change of year answers the national matrix (759 elements, two screens
// down) with the figures in view, and drawing it made the browser lay out the whole table again
// before Plotly could draw the map. Until it is drawn the old table stays, marked aria-busy, and
// is drawn before printing. A tree with slots is always drawn at once: its components belong to
// the new tree.
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

  // Near = within a quarter screen of the viewport, the margin of the figures.
  var MARGIN = "25% 0px";
  var observer = null;
  var watched = new WeakMap(); // element -> function(near) of its StaticHtml
  var waiting = new Set(); // draws of trees held back, run before printing

  function watch(element, told) {
    if (!("IntersectionObserver" in window)) {
      return function () {};
    }
    if (!observer) {
      observer = new IntersectionObserver(
        function (entries) {
          entries.forEach(function (entry) {
            var tell = watched.get(entry.target);
            var box = entry.boundingClientRect;
            if (tell) {
              // An element not laid out (a hidden screen or panel) has no place to be far from:
              // its new tree is drawn at once, as before, so it never shows an old one when shown.
              tell(entry.isIntersecting || (box.width === 0 && box.height === 0));
            }
          });
        },
        { rootMargin: MARGIN }
      );
    }
    watched.set(element, told);
    observer.observe(element);
    return function () {
      observer.unobserve(element);
      watched.delete(element);
    };
  }

  window.addEventListener("beforeprint", function () {
    var draws = Array.from(waiting);
    var flush = window.ReactDOM && window.ReactDOM.flushSync;
    draws.forEach(function (draw) {
      if (flush) {
        flush(draw);
      } else {
        draw();
      }
    });
  });

  // A StaticHtml with an element of its own: it hears clicks, and holds a new tree far off screen.
  function boxed(props) {
    var count = React.useRef(0);
    var box = React.useRef(null);
    // Whether the element is near the screen as the observer last said (null: not said yet, then
    // a new tree is drawn at once), and the tree drawn.
    var near = React.useRef(null);
    var drawn = React.useRef(props.tree);
    var redraw = React.useReducer(function (n) {
      return n + 1;
    }, 0)[1];
    // Printing draws a held tree wherever it is.
    var printing = React.useRef(false);
    var drawNow = React.useRef(function () {
      printing.current = true;
      redraw();
    }).current;
    var holds = !props.slots && near.current === false && !printing.current && props.tree !== drawn.current;
    printing.current = false;
    var tree = holds ? drawn.current : props.tree;

    React.useLayoutEffect(function () {
      drawn.current = tree;
      if (holds) {
        waiting.add(drawNow);
      } else {
        waiting.delete(drawNow);
      }
    });
    React.useEffect(function () {
      var stop = watch(box.current, function (isNear) {
        near.current = isNear;
        // A tree is held exactly while this StaticHtml waits for a draw.
        if (isNear && waiting.has(drawNow)) {
          redraw();
        }
      });
      return function () {
        stop();
        waiting.delete(drawNow);
      };
    }, []);

    var slots = props.slots;
    // The elements of a tree are made once: a render for anything else leaves them to React as they are.
    var elements = React.useMemo(
      function () {
        return element(tree, 0, slots);
      },
      [tree, slots]
    );
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
      {
        id: typeof props.id === "string" ? props.id : undefined,
        onClick: onClick,
        ref: box,
        "aria-busy": holds ? "true" : undefined,
      },
      elements
    );
  }

  function StaticHtml(props) {
    if (props.bare) {
      // A run of a page's plain elements (collapse in layouts/static_html.py): no element of its
      // own, and no hooks; a page has hundreds. An instance is bare or not for its whole life
      // (collapse makes the bare ones, without an id), so the hooks of ``boxed`` keep their order.
      return React.createElement(React.Fragment, null, element(props.tree, 0, props.slots));
    }
    return boxed(props);
  }

  window.hzw_static = { StaticHtml: StaticHtml };
})();
