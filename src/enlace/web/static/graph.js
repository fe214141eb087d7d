/* The entity profile's network graph: Cytoscape.js over /api/entities/ID/graph. */
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  function short(text) { return text.length > 28 ? text.slice(0, 27) + "…" : text; }
  var colours = { Person: "#c97a00", Organization: "#a01d5c", Company: "#1f4e79",
    LegalEntity: "#1f4e79", BankAccount: "#2f7d32", Address: "#6a3d9a", Vessel: "#00798c" };
  fetch(box.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (data) {
      var elements = data.nodes.map(function (n) {
        return { data: { id: n.id, label: short(n.caption || n.id), full: n.caption || n.id, schema: n.schema,
          colour: colours[n.schema] || "#5d6673", center: n.id === data.center ? 1 : 0 } };
      });
      data.links.forEach(function (l, i) {
        elements.push({ data: { id: "l" + i, source: l.source, target: l.target,
          label: short(l.label || l.kind || "") } });
      });
      var cy = cytoscape({
        container: box, elements: elements, wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: { "background-color": "data(colour)", label: "data(label)",
            "font-size": 10, color: "#1d232b", "text-valign": "bottom", "text-margin-y": 4,
            width: 18, height: 18 } },
          { selector: "node[center = 1]", style: { width: 30, height: 30, "border-width": 3,
            "border-color": "#1d232b" } },
          { selector: "edge", style: { width: 1.5, "line-color": "#aab3bf", "curve-style": "bezier",
            label: "data(label)", "font-size": 8, color: "#5d6673", "text-rotation": "autorotate" } }
        ],
        layout: { name: "cose", animate: false, padding: 30, nodeRepulsion: function () { return 9000; },
          idealEdgeLength: function () { return 90; } }
      });
      cy.on("tap", "node", function (evt) {
        var id = evt.target.id();
        if (id !== data.center) { window.location.href = "/entities/" + encodeURIComponent(id); }
      });
      box.dataset.ready = String(data.nodes.length);
    })
    .catch(function () { box.dataset.ready = "error"; });
})();
