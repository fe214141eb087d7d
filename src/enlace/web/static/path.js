/* Draws the shortest paths of the graph tools page with Cytoscape.js, from the path data
   the page carries in #path-graph's data-path attribute (no inline script). */
(function () {
  "use strict";
  var box = document.getElementById("path-graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var data;
  try { data = JSON.parse(box.dataset.path); } catch (e) { box.dataset.ready = "error"; return; }
  function short(text) { return text.length > 28 ? text.slice(0, 27) + "…" : text; }
  var elements = data.nodes.map(function (n) {
    return { data: { id: n.id, label: short(n.caption || n.id), end: data.ends.indexOf(n.id) >= 0 ? 1 : 0 } };
  });
  data.links.forEach(function (l, i) {
    elements.push({ data: { id: "p" + i, source: l.source, target: l.target,
      label: short(l.label || l.kind || "") } });
  });
  cytoscape({
    container: box, elements: elements, wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "background-color": "#1f4e79", label: "data(label)",
        "font-size": 10, color: "#1d232b", "text-valign": "bottom", "text-margin-y": 4,
        width: 18, height: 18 } },
      { selector: "node[end = 1]", style: { "background-color": "#a01d5c", width: 28, height: 28 } },
      { selector: "edge", style: { width: 2, "line-color": "#aab3bf", "curve-style": "bezier",
        label: "data(label)", "font-size": 8, color: "#5d6673", "text-rotation": "autorotate" } }
    ],
    layout: { name: "breadthfirst", roots: data.ends.slice(0, 1), directed: false, padding: 30,
      animate: false }
  }).on("tap", "node", function (evt) {
    window.location.href = "/graph?entity=" + encodeURIComponent(evt.target.id());
  });
  box.dataset.ready = String(data.nodes.length);
})();
