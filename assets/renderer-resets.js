// Mounting new components without waking every component on the page.
//
// Dash's renderer (dash-renderer 4) has each newly mounted component dispatch a
// RESET_COMPONENT_STATE action to its store, to drop the render bookkeeping ("layout hashes") of
// whatever stood at its place before. Every dispatch wakes every component's store subscription,
// so a callback that brings N new components costs N dispatches times all components on the page:
// a year switch on the national page replaced ~850 components and kept the browser busy for
// 1.3 s on those dispatches alone, while the figures took 0.1 s.
//
// Almost always nothing stood at that place: the reset would drop no hash and change no state.
// This lets such a reset return at once and passes every other action through unchanged, so the
// store holds exactly what it would have held. The test is the renderer's own (a hash key that
// starts with the component's path joined by commas; see layoutHashes in its reducers).
//
// The renderer keeps its stores in window.dash_stores and puts each store there as it creates it,
// after this script ran (assets load before the renderer starts). When that list is missing or a
// store has no layout hashes, nothing here changes anything.
(function () {
  var RESET = 'RESET_COMPONENT_STATE';

  function dropsNothing(store, action) {
    var path = action.payload && action.payload.itempath;
    var hashes = store.getState().layoutHashes;
    if (!Array.isArray(path) || !hashes || typeof hashes !== 'object') {
      return false;
    }
    var prefix = path.join(',');
    return !Object.keys(hashes).some(function (key) {
      return key.indexOf(prefix) === 0;
    });
  }

  function lighten(store) {
    if (!store || typeof store.dispatch !== 'function' || store.hzwResets) {
      return;
    }
    var dispatch = store.dispatch;
    store.dispatch = function (action) {
      if (action && action.type === RESET && dropsNothing(store, action)) {
        return action;
      }
      return dispatch.apply(this, arguments);
    };
    store.hzwResets = true;
  }

  var stores = (window.dash_stores = window.dash_stores || []);
  stores.forEach(lighten);
  var push = stores.push;
  stores.push = function () {
    for (var i = 0; i < arguments.length; i += 1) {
      lighten(arguments[i]);
    }
    return push.apply(this, arguments);
  };
})();
