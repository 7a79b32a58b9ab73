/* Meeting packs as background jobs: a click on a pack link starts (or joins) the job on the
   server, shows its progress with a stop button, and downloads the file when it is done. Without
   this script the link still downloads the pack directly. */
(function () {
  "use strict";
  var running = {};

  function lang() {
    return document.documentElement.lang || "nl";
  }

  function withLang(url) {
    return url + (url.indexOf("?") < 0 ? "?" : "&") + "lang=" + encodeURIComponent(lang());
  }

  function post(url) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    }).then(function (answer) {
      if (!answer.ok) { throw new Error(String(answer.status)); }
      return answer.json();
    });
  }

  function box(link) {
    var holder = link.closest("span, p, div") || link.parentNode;
    var found = holder.querySelector(".hzw-taak[data-voor='" + link.getAttribute("data-taak") + "']");
    if (found) { return found; }
    var div = document.createElement("div");
    div.className = "hzw-taak small mt-1";
    div.setAttribute("data-voor", link.getAttribute("data-taak"));
    div.innerHTML =
      '<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" style="height: 0.6rem; max-width: 20rem">' +
      '<div class="progress-bar" style="width: 0%"></div></div>' +
      '<span class="hzw-taak-tekst" role="status" aria-live="polite"></span> ' +
      '<button type="button" class="btn btn-link btn-sm p-0 hzw-taak-stop"></button>' +
      '<button type="button" class="btn btn-link btn-sm p-0 hzw-taak-opnieuw d-none"></button>';
    div.querySelector(".progress").setAttribute("aria-label", link.getAttribute("data-taak"));
    div.querySelector(".hzw-taak-stop").textContent = link.getAttribute("data-stop");
    div.querySelector(".hzw-taak-opnieuw").textContent = link.getAttribute("data-opnieuw");
    holder.appendChild(div);
    return div;
  }

  function show(div, job) {
    var bar = div.querySelector(".progress");
    bar.setAttribute("aria-valuenow", String(job.procent));
    bar.querySelector(".progress-bar").style.width = job.procent + "%";
    div.querySelector(".hzw-taak-tekst").textContent = job.tekst;
    div.setAttribute("data-toestand", job.toestand);
    var active = job.toestand === "wachtend" || job.toestand === "bezig";
    div.querySelector(".hzw-taak-stop").classList.toggle("d-none", !active);
    div.querySelector(".hzw-taak-opnieuw").classList.toggle("d-none", job.toestand !== "mislukt");
  }

  function download(url) {
    var a = document.createElement("a");
    a.href = url;
    a.setAttribute("download", "");
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function follow(link, div, job) {
    var key = link.getAttribute("href");
    running[key] = job.id;
    show(div, job);
    div.querySelector(".hzw-taak-stop").onclick = function () {
      post(withLang("/taak/" + job.id + "/stop")).then(function (now) { show(div, now); });
    };
    function poll() {
      fetch(withLang("/taak/" + job.id), { credentials: "same-origin" })
        .then(function (answer) { return answer.json(); })
        .then(function (now) {
          show(div, now);
          if (now.toestand === "wachtend" || now.toestand === "bezig") {
            window.setTimeout(poll, 250);
            return;
          }
          delete running[key];
          if (now.toestand === "klaar" && now.bestand) { download(now.bestand); }
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    }
    if (job.toestand === "klaar") { poll(); } else { window.setTimeout(poll, 300); }
  }

  function start(link) {
    var key = link.getAttribute("href");
    var div = box(link);
    if (running[key]) { return; } // this pack is already being made: no second job
    running[key] = "start";
    div.querySelector(".hzw-taak-tekst").textContent = link.getAttribute("data-begin");
    div.querySelector(".hzw-taak-opnieuw").onclick = function () { start(link); };
    post("/taak" + key)
      .then(function (job) { follow(link, div, job); })
      .catch(function () {
        delete running[key];
        window.location.href = key; // the job service is out of reach: the plain download
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-taak]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    start(link);
  });
})();
