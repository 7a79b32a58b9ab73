// Requests the renderer will send are sent as soon as the user acts: the next page as the address
// changes, and a declared callback as a select changes.
//
// A link (dcc.Link), the national map (assets/navigation.js) or the browser's back and forward
// buttons change the address; Dash's pages then ask the server for the new page from their routing
// callback. The renderer sends that request 25 to 45 ms after the address changed: it first lets
// dcc.Location report the address, paints a frame of the page being left and runs its timers.
// A changed select (the national page's year) waits 20 to 30 ms the same way before its callback's
// request leaves: the renderer renders the select, lets the browser draw a frame and runs a timer.
//
// This script sends the very same request the moment the address or select changes, and hands its
// answer to the renderer when the renderer asks for exactly that: the same callback, the same
// inputs and state, the same language (and for a callback, the same changed input) and nothing
// else. Every other request goes out as before, so should Dash ever ask in another form, the
// renderer's own request simply goes out (tests/browser/test_national_page.py counts the requests
// of a map click and of a change of year). Which callbacks may be asked for early the server says
// (dashboard/infra/early_requests.py): only callbacks without side effects.
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
  // Answers sent for and not asked for yet: {key, answer, until}.
  var early = [];
  // The address the last page was asked for at: a move within the page (a skip link's #main)
  // also sends "popstate", and asks for nothing.
  var current = window.location.pathname + window.location.search;

  var pageConfig;
  var declared;

  // A JSON script of the page, read once (it does not change while the page lives).
  function pageData(id) {
    var script = document.getElementById(id);
    try {
      return script ? JSON.parse(script.textContent) : null;
    } catch (error) {
      return null;
    }
  }

  function dashConfig() {
    if (pageConfig === undefined) {
      pageConfig = pageData("_dash-config");
    }
    return pageConfig;
  }

  // The callbacks that may be asked for early, by each input they may be asked on ("id.property").
  function declarations() {
    if (declared === undefined) {
      declared = {};
      (pageData("hzw-early-requests") || []).forEach(function (callback) {
        (callback.asks || []).forEach(function (name) {
          (declared[name] = declared[name] || []).push(callback);
        });
      });
    }
    return declared;
  }

  // What decides the answer: the callback, its inputs' values, its state and the language; for a
  // callback also which input changed (the routing callback answers the same for either).
  function key(payload, withTrigger) {
    var inputs = (payload.inputs || []).map(function (input) {
      return [input.id, input.property, input.value];
    });
    var parts = [payload.output, inputs, payload.state || [], payload.lang || null];
    if (withTrigger) {
      parts.push(payload.changedPropIds || []);
    }
    return JSON.stringify(parts);
  }

  function send(payload, withTrigger) {
    var config = dashConfig();
    if (!config) {
      return;
    }
    var base = config.requests_pathname_prefix || config.url_base_pathname || "/";
    var url = base + (base.charAt(base.length - 1) === "/" ? "" : "/") + PATH;
    if (config.end_id) {
      url += "?endId=" + config.end_id; // the page load's token, which the renderer echoes too
    }
    // The language every callback request carries (assets/language.js).
    if (window.hzwRequestPre) {
      window.hzwRequestPre(payload);
    }
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
    early.push({
      key: key(payload, withTrigger),
      withTrigger: withTrigger,
      answer: answer,
      until: Date.now() + KEEP_MS,
    });
  }

  function askPage() {
    var address = window.location.pathname + window.location.search;
    if (address === current || !dashConfig()) {
      return;
    }
    current = address;
    send(
      {
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
      },
      false
    );
  }

  // The props Dash holds for component ``id``, or null when it is not on the page (the reader of
  // assets/page-start.js; asked only once the page's scripts have all run).
  function held(id) {
    return window.hzwHeldProps ? window.hzwHeldProps(id) : null;
  }

  // The values of ``dependencies`` as the renderer will send them, with ``changed`` (the select's
  // "id.value") at ``value``: Dash still holds its old value while the change event is on its way.
  function values(dependencies, changed, value) {
    var out = [];
    for (var i = 0; i < dependencies.length; i++) {
      var dependency = dependencies[i];
      var entry = { id: dependency.id, property: dependency.property };
      if (dependency.id + "." + dependency.property === changed) {
        entry.value = value;
      } else {
        var props = held(dependency.id);
        if (!props) {
          return null;
        }
        entry.value = props[dependency.property];
      }
      out.push(entry);
    }
    return out;
  }

  // Dash's outputs of a callback from its output string ("..a.children...b.figure.." or "a.children").
  function outputs(output) {
    var multi = output.slice(0, 2) === ".." && output.slice(-2) === "..";
    var names = multi ? output.slice(2, -2).split("...") : [output];
    var list = names.map(function (name) {
      var dot = name.lastIndexOf(".");
      return { id: name.slice(0, dot), property: name.slice(dot + 1) };
    });
    return multi ? list : list[0];
  }

  function askCallbacks(event) {
    var select = event.target;
    if (!select || select.tagName !== "SELECT" || !select.id || !dashConfig()) {
      return;
    }
    var changed = select.id + ".value";
    (declarations()[changed] || []).forEach(function (callback) {
      var inputs = values(callback.inputs, changed, select.value);
      var state = values(callback.state, changed, select.value);
      if (!inputs || !state) {
        return;
      }
      var payload = {
        output: callback.output,
        outputs: outputs(callback.output),
        inputs: inputs,
        changedPropIds: [changed],
        parsedChangedPropsIds: [changed],
      };
      if (state.length) {
        payload.state = state;
      }
      send(payload, true);
    });
  }

  function claim(body) {
    var now = Date.now();
    early = early.filter(function (waiting) {
      return now <= waiting.until;
    });
    if (!early.length) {
      return null;
    }
    var payload;
    try {
      payload = JSON.parse(body);
    } catch (error) {
      return null;
    }
    if (!payload) {
      return null;
    }
    var keys = [key(payload, false), key(payload, true)];
    for (var i = 0; i < early.length; i++) {
      if (early[i].key === keys[early[i].withTrigger ? 1 : 0]) {
        return early.splice(i, 1)[0].answer;
      }
    }
    return null;
  }

  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : resource && resource.url;
    if (early.length && init && typeof init.body === "string" && typeof url === "string" && url.indexOf(PATH) !== -1) {
      var answer = claim(init.body);
      if (answer) {
        return answer;
      }
    }
    return nativeFetch.apply(this, arguments);
  };

  // Registered as the page's scripts run, so before dcc.Location's own listeners, and (capturing
  // on the document) before React hears of a changed select.
  window.addEventListener("_dashprivate_pushstate", askPage);
  window.addEventListener("popstate", askPage);
  document.addEventListener("change", askCallbacks, true);
})();
