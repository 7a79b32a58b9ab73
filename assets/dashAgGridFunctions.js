// Dutch number formatting for the AG Grid value formatters (1.234 and 38 %); empty cells say so.
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
var nlFormats = {};

dagfuncs.nlNumber = function (value, decimals) {
  // A suppressed small number arrives as its marker ("<5" or "x") and is shown as it is.
  if (typeof value === "string") {
    return value;
  }
  if (value === null || value === undefined || Number.isNaN(value)) {
    return "geen gegevens";
  }
  var key = String(decimals || 0);
  if (!nlFormats[key]) {
    nlFormats[key] = new Intl.NumberFormat("nl-NL", {
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
  return dagfuncs.nlNumber(value, 0) + " %";
};
