// Number formatting for the AG Grid value formatters in the page's language (1.234 and 38 % in
// Dutch, 1,234 and 38% in English); empty cells say so.
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
var nlFormats = {};

function pageIsEnglish() {
  return document.documentElement.lang === "en";
}

dagfuncs.nlNumber = function (value, decimals) {
  // A suppressed small number arrives as its marker ("<5" or "x") and is shown as it is.
  if (typeof value === "string") {
    return value;
  }
  if (value === null || value === undefined || Number.isNaN(value)) {
    return pageIsEnglish() ? "no data" : "geen gegevens";
  }
  var locale = pageIsEnglish() ? "en-GB" : "nl-NL";
  var key = locale + String(decimals || 0);
  if (!nlFormats[key]) {
    nlFormats[key] = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals || 0,
      maximumFractionDigits: decimals || 0,
    });
  }
  return nlFormats[key].format(value);
};

dagfuncs.nlPercent = function (value) {
  if (typeof value === "string") {
    return value;
  }
  if (value === null || value === undefined || Number.isNaN(value)) {
    return "–";
  }
  return dagfuncs.nlNumber(value, 0) + (pageIsEnglish() ? "%" : " %");
};

// Tab leaves the grid instead of walking every cell (arrow keys move between cells), so keyboard
// users are not made to pass forty cells to reach what follows the grid.
dagfuncs.leaveGridOnTab = function () {
  return false;
};
