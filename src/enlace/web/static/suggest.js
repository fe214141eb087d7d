/* Search-as-you-type for entity fields: inputs with data-suggest="LIST_ID" list matching
   entities (from /api/search, as the person sees them); choosing one puts its id in. */
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.dataset.suggest);
    if (!list) { return; }
    var timer = null;
    var asked = "";
    function clear() { while (list.firstChild) { list.removeChild(list.firstChild); } }
    function show(hits) {
      clear();
      hits.forEach(function (hit) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.dataset.id = hit.id;
        button.textContent = hit.title + (hit.schema ? " (" + hit.schema + ")" : "");
        button.addEventListener("click", function () {
          input.value = hit.id;
          clear();
          input.focus();
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      list.dataset.ready = String(hits.length);
    }
    function query(text) {
      /* Whole words as typed, the last one as a prefix: "olvera yese" finds Yesenia Olvera. */
      var words = text.replace(/["()*]/g, " ").split(/\s+/).filter(function (w) {
        return w && ["AND", "OR", "NOT"].indexOf(w) < 0;
      });
      var last = words.pop() || "";
      return words.concat(last.length >= 2 ? [last + "*"] : []).join(" ");
    }
    function ask() {
      var text = input.value.trim();
      if (text.length < 2 || text === asked) { return; }
      asked = text;
      delete list.dataset.ready;
      var url = "/api/search?kind=entity&facets=false&limit=8&q=" + encodeURIComponent(query(text));
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) { if (input.value.trim() === text) { show(data.hits || []); } })
        .catch(function () { clear(); list.dataset.ready = "0"; });
    }
    input.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, 250);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
})();
