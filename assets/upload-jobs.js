// The Data page: the moment a new file is chosen, the previous file's report and result go.
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.hzw = Object.assign(window.dash_clientside.hzw || {}, {
  clearUpload: function () {
    return [null, null, true];
  },
});
