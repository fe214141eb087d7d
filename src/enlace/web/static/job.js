/* Ingest progress: poll the batch's status until every job is done or failed. */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var openLabel = box.dataset.openLabel;
  function show(data) {
    var bar = document.getElementById("job-progress");
    bar.max = data.total;
    bar.value = data.counts.done + data.counts.failed;
    Object.keys(data.counts).forEach(function (key) {
      var cell = box.querySelector('[data-count="' + key + '"]');
      if (cell) { cell.textContent = data.counts[key]; }
    });
    var body = document.querySelector("#job-files tbody");
    body.textContent = "";
    data.files.forEach(function (f) {
      var row = body.insertRow();
      row.insertCell().textContent = f.file;
      var state = row.insertCell();
      state.className = "status";
      state.textContent = f.status + (f.error ? ": " + f.error : "");
      var cell = row.insertCell();
      if (f.document) {
        var a = document.createElement("a");
        a.href = "/documents/" + encodeURIComponent(f.document);
        a.textContent = openLabel;
        cell.appendChild(a);
      }
    });
    document.getElementById("job-finished").hidden = !data.finished;
    return data.finished;
  }
  function poll() {
    fetch(box.dataset.src, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (!show(data)) { setTimeout(poll, 700); } })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
