/* Shared drawing of knowledge-graph nodes and edges with Cytoscape.js (served from /static/vendor).
 *
 * window.BochumGraph: colours and shapes by class (the same class always looks the same, and the
 * shape repeats the meaning of the colour for people who cannot tell the colours apart), the
 * Cytoscape style, conversion of our JSON (nodes/edges from /api/neighbourhood or /api/paths) to
 * elements, and a PNG download. No HTML is built from strings: text goes in via textContent.
 */
(function () {
  "use strict";

  // Okabe–Ito based palette; one entry per class of the ontology (by local name).
  var CLASS_STYLE = {
    Strategy: ["#000000", "star"],
    Competence: ["#d55e00", "round-rectangle"],
    GoalArea: ["#e69f00", "round-rectangle"],
    Goal: ["#f0c419", "round-rectangle"],
    StrategicAim: ["#cc79a7", "round-rectangle"],
    CrossCuttingTheme: ["#a6761d", "round-rectangle"],
    Project: ["#0072b2", "ellipse"],
    CoreActivity: ["#0072b2", "ellipse"],
    RelatedInitiative: ["#56b4e9", "ellipse"],
    Actor: ["#009e73", "diamond"],
    Organisation: ["#009e73", "diamond"],
    Municipality: ["#1b7837", "diamond"],
    CityUnit: ["#5aae61", "diamond"],
    MunicipalCompany: ["#7fbc41", "diamond"],
    HigherEducationInstitution: ["#00a087", "hexagon"],
    ResearchInstitute: ["#3c8d7e", "hexagon"],
    Company: ["#4d9221", "diamond"],
    Association: ["#8c9e2c", "diamond"],
    Network: ["#66a61e", "diamond"],
    PublicAuthority: ["#2d6a4f", "diamond"],
    PublicOffice: ["#74c69d", "diamond"],
    Site: ["#8e6bbf", "triangle"],
    DevelopmentPole: ["#6a3d9a", "triangle"],
    Figure: ["#999999", "rectangle"],
    StrategyEvent: ["#b15928", "vee"],
    CouncilDecision: ["#8c2d04", "vee"],
    Tranche: ["#bf812d", "barrel"],
    FormulaTerm: ["#e7298a", "octagon"],
    Participation: ["#bbbbbb", "rectangle"],
    Concept: ["#7f7f7f", "tag"],
    ConceptScheme: ["#4d4d4d", "tag"]
  };
  var FALLBACK = ["#9e9e9e", "ellipse"];

  function localName(iri) {
    if (!iri) { return ""; }
    var cut = Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/"));
    return iri.slice(cut + 1);
  }

  function classStyle(iri) {
    return CLASS_STYLE[localName(iri)] || FALLBACK;
  }

  function style() {
    return [
      { selector: "node", style: {
        "background-color": "data(color)", "shape": "data(shape)", "label": "data(label)",
        "width": 26, "height": 26, "font-size": 11, "color": "#1b1f23",
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
        "text-wrap": "wrap", "text-max-width": 140, "border-width": 1, "border-color": "#ffffff",
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1
      } },
      { selector: "node.centre", style: { "width": 38, "height": 38, "border-width": 3, "border-color": "#1b1f23", "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#00607a" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffbf47" } },
      { selector: "edge", style: {
        "width": 1.5, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "data(label)", "font-size": 9, "color": "#4d5660",
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1
      } },
      { selector: ".hidden-class", style: { "display": "none" } }
    ];
  }

  function nodeElement(node, lang) {
    var look = classStyle(node["class"]);
    return { group: "nodes", data: {
      id: node.id, label: (node.labels && node.labels[lang]) || node.label, labels: node.labels,
      cls: node["class"] || "", color: look[0], shape: look[1], page: node.page || null
    } };
  }

  function edgeElement(edge, lang) {
    return { group: "edges", data: {
      id: edge.id, source: edge.source, target: edge.target,
      label: (edge.labels && edge.labels[lang]) || edge.label, labels: edge.labels
    } };
  }

  function elementsFrom(graph, lang) {
    var out = [];
    (graph.nodes || []).forEach(function (n) { out.push(nodeElement(n, lang)); });
    (graph.edges || []).forEach(function (e) { out.push(edgeElement(e, lang)); });
    return out;
  }

  function relabel(cy, lang) {
    cy.elements().forEach(function (el) {
      var labels = el.data("labels");
      if (labels && labels[lang]) { el.data("label", labels[lang]); }
    });
  }

  function downloadPng(cy, filename) {
    var blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function paintSwatches(root) {
    root.querySelectorAll("[data-swatch]").forEach(function (el) {
      el.style.backgroundColor = classStyle(el.getAttribute("data-swatch"))[0];
    });
  }

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function create(container, elements, layout) {
    return cytoscape({
      container: container,
      elements: elements,
      style: style(),
      layout: layout || { name: "cose", animate: false, randomize: true, nodeRepulsion: 12000, idealEdgeLength: 140, padding: 30 },
      minZoom: 0.2,
      maxZoom: 1.6
    });
  }

  // The canvas itself with the keyboard: arrows pan, + and - zoom, 0 fits the whole graph.
  function keyboard(cy, container) {
    container.addEventListener("keydown", function (event) {
      var step = 60;
      var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      var centre = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
      if (moves[event.key]) {
        cy.panBy({ x: moves[event.key][0], y: moves[event.key][1] });
      } else if (event.key === "+" || event.key === "=") {
        cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: centre });
      } else if (event.key === "-") {
        cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: centre });
      } else if (event.key === "0") {
        cy.fit(undefined, 30);
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  window.BochumGraph = {
    keyboard: keyboard,
    classStyle: classStyle, style: style, elementsFrom: elementsFrom, nodeElement: nodeElement,
    edgeElement: edgeElement, relabel: relabel, downloadPng: downloadPng, paintSwatches: paintSwatches,
    readJson: readJson, create: create, localName: localName
  };
})();
