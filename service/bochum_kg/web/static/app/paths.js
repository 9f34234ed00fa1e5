/* The path view: draw the union of the shortest paths, start and end emphasised; PNG download.
 * The ordered list of steps beside the graph is the readable form (and the text alternative). */
(function () {
  "use strict";
  var G = window.BochumGraph;
  var result = G.readJson("graph-data");
  var config = G.readJson("graph-config");
  if (!result || !result.paths || !result.paths.length || typeof cytoscape === "undefined") { return; }
  var section = document.querySelector("[data-role=paths-result]");
  var container = section.querySelector("[data-role=graph]");
  var cy = G.create(container, G.elementsFrom(result, config.lang), {
    name: "breadthfirst", roots: [result.from], directed: false, spacingFactor: 1.2, animate: false
  });
  G.keyboard(cy, container);
  cy.getElementById(result.from).addClass("centre");
  cy.getElementById(result.to).addClass("centre");
  var pngButton = section.querySelector("[data-role=download-png]");
  pngButton.hidden = false;
  pngButton.addEventListener("click", function () {
    G.downloadPng(cy, "paths-" + G.localName(result.from) + "--" + G.localName(result.to) + ".png");
  });
  cy.on("dbltap", "node", function (event) {
    var page = event.target.data("page");
    if (page) { window.location.href = page; }
  });
  container.dataset.ready = "true";
  window.bochumPaths = { cy: cy };
})();
