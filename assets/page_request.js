// The next page is asked for as soon as the address changes.
//
// A link (dcc.Link), the national map (assets/navigation.js) or the browser's back and forward
// buttons change the address; Dash's pages then ask the server for the new page from their routing
// callback. The renderer sends that request 25 to 45 ms after the address changed: it first lets
// dcc.Location report the address, paints a frame of the page being left and runs its timers. This
// script sends the very same request the moment the address changes, and hands its answer to the
// renderer when the renderer asks for exactly that: the same callback, the same address, the same
// language and nothing else. Every other request goes out as before, so should Dash ever ask in
// another form, the renderer's own request simply goes out (tests/browser/test_national_page.py
// counts the requests of a map click).
(function () {
  if (!window.fetch) {
    return;
  }
  var PATH = "_dash-update-component";
  // Dash's routing callback (dash.Dash._setup_routing with the ids of dash.dash._ID_*): the page
  // container and the pages store, from the address's pathname and search.
  var OUTPUT = ".._pages_content.children..._pages_store.data..";
  var LOCATION = "_pages_location";
  // An answer not asked for this long is let go (the address changed to where it already was, so
  // the renderer never asks).
  var KEEP_MS = 10000;
  var nativeFetch = window.fetch;
  var early = null;
  // The address the last page was asked for at: a move within the page (a skip link's #main)
  // also sends "popstate", and asks for nothing.
  var current = window.location.pathname + window.location.search;

  var pageConfig;

  // The page's Dash config, read once (it does not change while the page lives).
  function dashConfig() {
    if (pageConfig === undefined) {
      var script = document.getElementById("_dash-config");
      try {
        pageConfig = script ? JSON.parse(script.textContent) : null;
      } catch (error) {
        pageConfig = null;
      }
    }
    return pageConfig;
  }

  // What decides the answer: the callback, its inputs' values, its state and the language.
  function key(payload) {
    var inputs = (payload.inputs || []).map(function (input) {
      return [input.id, input.property, input.value];
    });
    return JSON.stringify([payload.output, inputs, payload.state || [], payload.lang || null]);
  }

  function routingPayload() {
    var payload = {
      output: OUTPUT,
      outputs: [
        { id: "_pages_content", property: "children" },
        { id: "_pages_store", property: "data" },
      ],
      inputs: [
        { id: LOCATION, property: "pathname", value: window.location.pathname },
        { id: LOCATION, property: "search", value: window.location.search },
      ],
      changedPropIds: [LOCATION + ".pathname"],
    };
    // The language every callback request carries (assets/language.js).
    if (window.hzwRequestPre) {
      window.hzwRequestPre(payload);
    }
    return payload;
  }

  function ask() {
    var address = window.location.pathname + window.location.search;
    var config = dashConfig();
    if (address === current || !config) {
      return;
    }
    current = address;
    var base = config.requests_pathname_prefix || config.url_base_pathname || "/";
    var url = base + (base.charAt(base.length - 1) === "/" ? "" : "/") + PATH;
    if (config.end_id) {
      url += "?endId=" + config.end_id; // the page load's token, which the renderer echoes too
    }
    var payload = routingPayload();
    var headers = { Accept: "application/json", "Content-Type": "application/json" };
    var token = document.cookie.match(/(?:^|;\s*)_csrf_token=([^;]*)/);
    if (token) {
      headers["X-CSRFToken"] = decodeURIComponent(token[1]);
    }
    var answer = nativeFetch(url, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(payload),
      credentials: "same-origin",
    });
    // A failed request is the renderer's to report, once it asks; unasked, it is dropped quietly.
    answer.catch(function () {});
    early = { key: key(payload), answer: answer, until: Date.now() + KEEP_MS };
  }

  function claim(body) {
    var waiting = early;
    if (!waiting || Date.now() > waiting.until) {
      early = null;
      return null;
    }
    var payload;
    try {
      payload = JSON.parse(body);
    } catch (error) {
      return null;
    }
    if (!payload || payload.output !== OUTPUT || key(payload) !== waiting.key) {
      return null;
    }
    early = null;
    return waiting.answer;
  }

  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : resource && resource.url;
    if (early && init && typeof init.body === "string" && typeof url === "string" && url.indexOf(PATH) !== -1) {
      var answer = claim(init.body);
      if (answer) {
        return answer;
      }
    }
    return nativeFetch.apply(this, arguments);
  };

  // Registered as the page's scripts run, so before dcc.Location's own listeners.
  window.addEventListener("_dashprivate_pushstate", ask);
  window.addEventListener("popstate", ask);
})();
