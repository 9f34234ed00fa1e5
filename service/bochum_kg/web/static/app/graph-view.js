/* Shared drawing of knowledge-graph nodes and edges with Cytoscape.js (served from /static/vendor).
 *
 * window.BochumGraph: colours and shapes by class (the same class always looks the same, and the
 * shape repeats the meaning of the colour for people who cannot tell the colours apart), a legend,
 * the Cytoscape style, the force-directed layout (fCoSE, from /static/vendor/cytoscape-fcose),
 * conversion of our JSON (nodes/edges from /api/neighbourhood or /api/paths) to elements, a PNG
 * download, fit-to-screen and keyboard control. No HTML is built from strings: text goes in via
 * textContent.
 *
 * Labels stay readable: a node's label is drawn only when it is at least MIN_LABEL_PX high on the
 * screen (class "label-hidden" below that; Cytoscape's own min-zoomed-font-size rounds the zoom up
 * to a power of two and so lets 6 px labels through), so zooming out never produces unreadable text; the
 * labels of the nodes that matter (start, expanded, grouped "N more" nodes, the best-connected nodes of
 * a query result, the node under the
 * pointer or selected from the table) are scaled against the zoom so they stay LABEL_PX high.
 * Edge labels appear for the edges of the node under the pointer (or selected) and the edge under
 * the pointer.
 */
(function () {
  "use strict";

  var MIN_LABEL_PX = 10;  // nothing smaller is ever drawn
  var LABEL_PX = 13;      // the on-screen size of the labels that are always shown
  var NODE_FONT = 12;     // ordinary labels: shown from zoom 10/12 on

  if (window.cytoscape && window.cytoscapeFcose && !window.cytoscape.__bochumFcose) {
    window.cytoscape.use(window.cytoscapeFcose);
    window.cytoscape.__bochumFcose = true;
  }

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

  // Which neighbours are drawn first when not all can be (see explore.js): the strategy's own
  // structure, then projects and actors, then places and events, figures and concepts last.
  var CLASS_RANK = ["Strategy", "Competence", "StrategicAim", "GoalArea", "Goal", "CrossCuttingTheme", "FormulaTerm",
    "CoreActivity", "Project", "RelatedInitiative", "Municipality", "HigherEducationInstitution", "ResearchInstitute",
    "MunicipalCompany", "CityUnit", "Organisation", "Company", "Network", "Association", "PublicAuthority", "PublicOffice",
    "Actor", "DevelopmentPole", "Site", "CouncilDecision", "StrategyEvent", "Tranche", "Participation", "Concept",
    "ConceptScheme", "Figure"];

  var STRINGS = {
    de: { fit: "Ganze Grafik zeigen", legend: "Legende", more: "+{n} {cls}", unknownClass: "ohne Klasse", png: "Grafik als PNG herunterladen" },
    en: { fit: "Fit to screen", legend: "Legend", more: "+{n} {cls}", unknownClass: "no class", png: "Download graph as PNG" }
  };

  function words() {
    return window.BochumSite ? window.BochumSite.strings(STRINGS) : STRINGS.de;
  }

  function localName(iri) {
    if (!iri) { return ""; }
    var cut = Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/"));
    return iri.slice(cut + 1);
  }

  function classStyle(iri) {
    return CLASS_STYLE[localName(iri)] || FALLBACK;
  }

  function classRank(iri) {
    var i = CLASS_RANK.indexOf(localName(iri));
    return i < 0 ? CLASS_RANK.length : i;
  }

  function pageHref(page) {
    return page && window.BochumSite ? window.BochumSite.withLang(page) : page;
  }

  function style() {
    return [
      { selector: "node", style: {
        "background-color": "data(color)", "shape": "data(shape)", "label": "data(label)",
        "width": 24, "height": 24, "font-size": NODE_FONT, "color": "#1b1f23",
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 3,
        "text-wrap": "ellipsis", "text-max-width": 150, "border-width": 1, "border-color": "#ffffff",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1
      } },
      { selector: "node.centre", style: { "width": 38, "height": 38, "border-width": 3, "border-color": "#1b1f23", "font-weight": "bold" } },
      { selector: "node.expanded", style: { "width": 32, "height": 32, "border-width": 3, "border-color": "#00607a" } },
      { selector: "node.hub", style: { "width": 30, "height": 30 } },
      { selector: "node.group", style: {
        "shape": "round-rectangle", "background-color": "#ffffff", "border-width": 2, "border-style": "dashed",
        "border-color": "data(color)", "width": 30, "height": 20, "color": "#1b1f23"
      } },
      { selector: "node.label-hidden", style: { "label": "" } },
      { selector: "node.readable", style: { "text-wrap": "wrap", "min-zoomed-font-size": 0, "z-index": 20, "text-background-opacity": 0.95 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffbf47" } },
      { selector: "edge", style: {
        "width": 1.5, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "", "font-size": 11, "color": "#3d444d", "min-zoomed-font-size": 0,
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.9,
        "text-background-padding": 1
      } },
      { selector: "edge.group-edge", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
      { selector: "edge.readable", style: { "label": "data(label)", "width": 2.5, "line-color": "#4d5660", "target-arrow-color": "#4d5660", "z-index": 30 } },
      { selector: ".hidden-class", style: { "display": "none" } }
    ];
  }

  function nodeElement(node, lang) {
    var look = classStyle(node["class"]);
    return { group: "nodes", data: {
      id: node.id, label: (node.labels && node.labels[lang]) || node.label, labels: node.labels,
      cls: node["class"] || "", color: look[0], shape: look[1], page: pageHref(node.page || null)
    } };
  }

  function edgeElement(edge, lang) {
    return { group: "edges", data: {
      id: edge.id, source: edge.source, target: edge.target,
      label: (edge.labels && edge.labels[lang]) || edge.label, labels: edge.labels
    } };
  }

  // Elements of a graph whose edges all have both ends among its nodes (Cytoscape refuses the
  // others, and a duplicate id would drop an element): duplicates and dangling edges are left out.
  function elementsFrom(graph, lang) {
    var out = [];
    var ids = {};
    (graph.nodes || []).forEach(function (n) {
      if (ids[n.id]) { return; }
      ids[n.id] = true;
      out.push(nodeElement(n, lang));
    });
    (graph.edges || []).forEach(function (e) {
      if (ids[e.id] || !ids[e.source] || !ids[e.target]) { return; }
      ids[e.id] = true;
      out.push(edgeElement(e, lang));
    });
    return out;
  }

  function relabel(cy, lang) {
    cy.elements().forEach(function (el) {
      var labels = el.data("labels");
      if (labels && labels[lang]) { el.data("label", labels[lang]); }
    });
  }

  // --- readable labels ------------------------------------------------------------------------
  // Scale the labels that are always shown so they are LABEL_PX high on the screen at any zoom.
  function scaleLabels(cy) {
    var z = cy.zoom();
    var px = Math.max(NODE_FONT, LABEL_PX / z);
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var readable = n.hasClass("centre") || n.hasClass("expanded") || n.hasClass("group") || n.hasClass("hub")
          || n.hasClass("hover") || n.selected();
        n.toggleClass("readable", readable);
        n.toggleClass("label-hidden", !readable && NODE_FONT * z < MIN_LABEL_PX);
        if (readable) {
          n.style({ "font-size": px, "text-max-width": 190 / z, "text-margin-y": 3 / z, "text-background-padding": 2 / z });
        } else if (n.style("font-size") !== NODE_FONT + "px") {
          n.removeStyle("font-size text-max-width text-margin-y text-background-padding");
        }
      });
      cy.edges().forEach(function (e) {
        var readable = e.hasClass("hover") || e.source().hasClass("hover") || e.target().hasClass("hover")
          || e.source().selected() || e.target().selected();
        e.toggleClass("readable", readable);
        if (readable) { e.style({ "font-size": Math.max(11, 12 / z) }); } else { e.removeStyle("font-size"); }
      });
    });
  }

  function readableLabels(cy) {
    var pending = false;
    function update() {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; if (!cy.destroyed()) { scaleLabels(cy); } });
    }
    cy.on("zoom", update);
    cy.on("add remove select unselect", update);
    cy.on("mouseover", "node, edge", function (event) { event.target.addClass("hover"); scaleLabels(cy); });
    cy.on("mouseout", "node, edge", function (event) { event.target.removeClass("hover"); scaleLabels(cy); });
    scaleLabels(cy);
    return update;
  }

  // --- layout -----------------------------------------------------------------------------------
  function layoutOptions(incremental) {
    if (window.cytoscapeFcose) {
      return {
        name: "fcose", quality: "default", randomize: !incremental, animate: false, fit: true, padding: 30,
        nodeDimensionsIncludeLabels: true, uniformNodeDimensions: false, packComponents: true,
        nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 110; },
        edgeElasticity: function () { return 0.45; }, nestingFactor: 0.1, gravity: 0.3, numIter: 2500,
        nodeSeparation: 90, tile: true
      };
    }
    return { name: "cose", animate: false, randomize: !incremental, nodeRepulsion: 12000, idealEdgeLength: 120, padding: 30 };
  }

  // Fit the nodes (not their labels: the labels that are always shown grow as the zoom shrinks,
  // and fitting them too would shrink the graph to nothing) into the canvas.
  function fit(cy) {
    var visible = cy.nodes().not(".hidden-class");
    if (!visible.length) { return; }
    var bb = visible.boundingBox({ includeLabels: false, includeOverlays: false });
    var pad = 40;
    var w = Math.max(1, cy.width() - 2 * pad);
    var h = Math.max(1, cy.height() - 2 * pad);
    var z = Math.min(w / Math.max(bb.w, 1), h / Math.max(bb.h, 1));
    z = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), Math.min(z, 1.6)));
    cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - z * (bb.x1 + bb.x2) / 2, y: cy.height() / 2 - z * (bb.y1 + bb.y2) / 2 } });
    scaleLabels(cy);
  }

  function runLayout(cy, incremental) {
    var eles = cy.elements().not(".hidden-class");
    if (eles.nodes().length === 0) { return; }
    // lay out with the labels at their natural size (the zoom-scaled ones would push nodes apart)
    cy.nodes().removeStyle("font-size text-max-width text-margin-y text-background-padding");
    eles.layout(layoutOptions(incremental)).run();
    fit(cy);
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

  // --- legend -----------------------------------------------------------------------------------
  var SVG_NS = "http://www.w3.org/2000/svg";
  var SHAPE_POINTS = {
    "diamond": "8,1 15,8 8,15 1,8", "triangle": "8,1 15,15 1,15", "vee": "1,2 8,8 15,2 8,15",
    "hexagon": "4,1 12,1 15,8 12,15 4,15 1,8", "octagon": "5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5",
    "star": "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6", "tag": "1,3 11,3 15,8 11,13 1,13"
  };

  // A small picture of a class's colour and shape (hidden from screen readers: the text says it).
  function swatch(classIri) {
    var look = classStyle(classIri);
    var el = document.createElementNS(SVG_NS, "svg");
    el.setAttribute("viewBox", "0 0 16 16");
    el.setAttribute("width", "14");
    el.setAttribute("height", "14");
    el.setAttribute("aria-hidden", "true");
    el.setAttribute("class", "swatch-shape");
    var shape;
    if (SHAPE_POINTS[look[1]]) {
      shape = document.createElementNS(SVG_NS, "polygon");
      shape.setAttribute("points", SHAPE_POINTS[look[1]]);
    } else if (look[1] === "ellipse") {
      shape = document.createElementNS(SVG_NS, "circle");
      shape.setAttribute("cx", "8"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "7");
    } else {
      shape = document.createElementNS(SVG_NS, "rect");
      shape.setAttribute("x", "1"); shape.setAttribute("y", "2"); shape.setAttribute("width", "14"); shape.setAttribute("height", "12");
      if (look[1] !== "rectangle") { shape.setAttribute("rx", "3"); }
    }
    shape.setAttribute("fill", look[0]);
    shape.setAttribute("stroke", "#333");
    shape.setAttribute("stroke-width", "1");
    el.appendChild(shape);
    return el;
  }

  function paintSwatches(root) {
    root.querySelectorAll("[data-swatch]").forEach(function (el) {
      el.replaceChildren(swatch(el.getAttribute("data-swatch")));
      el.classList.add("swatch--shape");
    });
  }

  // <ul class="graph-legend"> with one entry per class: [{iri, label, count}]
  function legend(entries) {
    var list = document.createElement("ul");
    list.className = "graph-legend";
    entries.forEach(function (c) {
      var li = document.createElement("li");
      li.dataset["class"] = c.iri || "";
      li.append(swatch(c.iri), document.createTextNode(" " + (c.label || localName(c.iri) || words().unknownClass)
        + (c.count !== undefined ? " (" + c.count + ")" : "")));
      list.appendChild(li);
    });
    return list;
  }

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // Nodes without a position get one on a spiral, so no two start on the same spot (Cytoscape
  // cannot draw an edge between nodes that overlap and warns about it).
  function scatter(elements) {
    var k = 0;
    elements.forEach(function (el) {
      if (el.group !== "nodes" || el.position) { return; }
      var angle = k * 2.399963;
      var radius = 25 * Math.sqrt(k + 1);
      el.position = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      k += 1;
    });
    return elements;
  }

  function create(container, elements, layout) {
    scatter(elements);
    var cy = cytoscape({
      container: container,
      elements: elements,
      style: style(),
      layout: layout || layoutOptions(false),
      minZoom: 0.15,
      maxZoom: 2.5
    });
    readableLabels(cy);
    fit(cy);
    return cy;
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
        fit(cy);
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  function button(text, role) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (role) { b.dataset.role = role; }
    return b;
  }

  // A self-contained view (the workbench's network): toolbar (fit, PNG), canvas, legend.
  // graph: {nodes: [{id, label, class, page}], edges: [{id, source, target, label}]}
  function mount(wrapper, graph, options) {
    var w = words();
    var actions = document.createElement("p");
    actions.className = "graph-actions";
    var fitButton = button(w.fit, "fit");
    var png = button(w.png, "download-png");
    actions.append(fitButton, png);
    var canvas = document.createElement("div");
    canvas.className = "graph-canvas";
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", options.label);
    canvas.dataset.role = options.role || "graph";
    var counts = {};
    graph.nodes.forEach(function (n) { counts[n["class"] || ""] = (counts[n["class"] || ""] || 0) + 1; });
    var entries = Object.keys(counts).sort(function (a, b) { return classRank(a) - classRank(b) || a.localeCompare(b); })
      .map(function (iri) { return { iri: iri, label: (options.classLabels && options.classLabels[iri]) || localName(iri), count: counts[iri] }; });
    var legendBox = document.createElement("div");
    legendBox.className = "graph-legend-box";
    var legendTitle = document.createElement("p");
    legendTitle.className = "graph-legend-title";
    legendTitle.textContent = w.legend;
    legendBox.append(legendTitle, legend(entries));
    wrapper.append(actions, canvas, legendBox);
    var cy = create(canvas, elementsFrom(graph, "en"), { name: "preset" });
    // A query result has no start node: its best-connected nodes keep their labels at any zoom.
    var byDegree = cy.nodes().sort(function (a, b) { return b.degree() - a.degree(); });
    byDegree.slice(0, Math.max(5, Math.round(cy.nodes().length / 10))).filter(function (n) { return n.degree() > 1; }).addClass("hub");
    runLayout(cy, false);
    keyboard(cy, canvas);
    fitButton.addEventListener("click", function () { fit(cy); });
    png.addEventListener("click", function () { downloadPng(cy, options.filename || "graph.png"); });
    cy.on("dbltap", "node", function (event) {
      var page = event.target.data("page");
      if (page) { window.location.href = page; }
    });
    return { cy: cy, destroy: function () { cy.destroy(); } };
  }

  window.BochumGraph = {
    MIN_LABEL_PX: MIN_LABEL_PX,
    keyboard: keyboard, fit: fit, runLayout: runLayout, layoutOptions: layoutOptions, scaleLabels: scaleLabels,
    classStyle: classStyle, classRank: classRank, style: style, elementsFrom: elementsFrom, nodeElement: nodeElement,
    edgeElement: edgeElement, relabel: relabel, downloadPng: downloadPng, paintSwatches: paintSwatches, legend: legend,
    swatch: swatch, scatter: scatter, readJson: readJson, create: create, localName: localName, mount: mount, words: words, pageHref: pageHref
  };
})();
