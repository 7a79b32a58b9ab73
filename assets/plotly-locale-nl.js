// Dutch for Plotly's own words (mode bar, hints, number and date formats). Registered before
// Plotly loads: dcc.Graph registers everything in window.PlotlyLocales when it loads Plotly.
(function () {
  var locale = {
    moduleType: "locale",
    name: "nl",
    dictionary: {
      "Autoscale": "Automatisch schalen",
      "Box Select": "Rechthoek selecteren",
      "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
      "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks apart te tonen",
      "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
      "Download plot": "Figuur downloaden",
      "Download plot as JSON": "Figuur downloaden als JSON",
      "Download plot as a PNG": "Figuur downloaden als PNG",
      "Lasso Select": "Lasso selecteren",
      "Orbital rotation": "Baanrotatie",
      "Pan": "Verschuiven",
      "Reset": "Herstellen",
      "Reset axes": "Assen herstellen",
      "Reset camera to default": "Camera herstellen",
      "Reset camera to last save": "Camera naar laatste opslag",
      "Reset view": "Beeld herstellen",
      "Reset views": "Beelden herstellen",
      "Show closest data on hover": "Dichtstbijzijnde gegevens tonen bij aanwijzen",
      "Snapshot succeeded": "Afbeelding gemaakt",
      "Taking snapshot - this may take a few seconds": "Afbeelding maken, dit kan enkele seconden duren",
      "Toggle Spike Lines": "Hulplijnen aan/uit",
      "Toggle show closest data on hover": "Dichtstbijzijnde gegevens bij aanwijzen aan/uit",
      "Turntable rotation": "Draaitafelrotatie",
      "Zoom": "Zoomen",
      "Zoom in": "Inzoomen",
      "Zoom out": "Uitzoomen"
    },
    format: {
      days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
      shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d-%m-%Y",
      decimal: ",",
      thousands: "."
    }
  };
  if (typeof window.Plotly === "undefined") {
    window.PlotlyLocales = window.PlotlyLocales || [];
    window.PlotlyLocales.push(locale);
  } else {
    window.Plotly.register(locale);
  }
})();
