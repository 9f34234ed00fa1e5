/* The explorer: draw a resource's neighbourhood, expand nodes (click or the table's "Expand"
 * buttons, which work with Enter), filter by class, switch label language, save as PNG.
 * The URL always reproduces the view (?resource, ?expand…, ?hide…, ?lang), and the node and edge
 * tables are re-rendered with every change: they are the graph's text alternative.
 */
(function () {
  "use strict";
  var G = window.BochumGraph;
  var graph = G.readJson("graph-data");
  var config = G.readJson("graph-config");
  if (!graph || !config || typeof cytoscape === "undefined") { return; }

  var section = document.getElementById("explorer");
  var container = section.querySelector("[data-role=graph]");
  var statusEl = section.querySelector("[data-role=status]");
  var nodeBody = section.querySelector("[data-role=node-table] tbody");
  var edgeBody = section.querySelector("[data-role=edge-table] tbody");
  var langSelect = section.querySelector("[data-role=label-lang]");
  var pngButton = section.querySelector("[data-role=download-png]");
  var permalink = section.querySelector("[data-role=permalink]");
  var filterBoxes = section.querySelectorAll(".class-filter input[type=checkbox]");
  var applyButton = section.querySelector(".class-filter button");

  var lang = config.lang;
  var hidden = new Set(config.hidden || []);
  var expanded = graph.expanded.slice();
  var classes = {};
  graph.classes.forEach(function (c) { classes[c.iri || ""] = c; });

  if (applyButton) { applyButton.hidden = true; }
  G.paintSwatches(section);

  // Rings: the start resource in the middle, the expanded nodes around it, everything else outside.
  function layoutOptions() {
    return {
      name: "concentric", animate: false, minNodeSpacing: 50, padding: 30,
      concentric: function (n) { return n.id() === graph.resource ? 3 : (expanded.indexOf(n.id()) >= 0 ? 2 : 1); },
      levelWidth: function () { return 1; }
    };
  }

  var cy = G.create(container, G.elementsFrom(graph, lang), { name: "preset" });
  G.keyboard(cy, container);
  cy.getElementById(graph.resource).addClass("centre");
  expanded.forEach(function (iri) { cy.getElementById(iri).addClass("expanded"); });

  function label(node) { return node.data("label") || node.id(); }

  function updateUrl() {
    var params = new URLSearchParams();
    params.set("resource", graph.resource);
    expanded.slice(1).forEach(function (iri) { params.append("expand", iri); });
    Array.from(hidden).sort().forEach(function (c) { params.append("hide", c); });
    params.set("lang", lang);
    var url = config.explore + "?" + params.toString();
    history.replaceState(null, "", url);
    permalink.href = url;
  }

  function applyFilter() {
    cy.nodes().forEach(function (n) {
      n.toggleClass("hidden-class", hidden.has(n.data("cls")));
    });
  }

  function classLabel(iri) {
    var entry = classes[iri || ""];
    return entry ? ((entry.labels && entry.labels[lang]) || entry.label) : "";
  }

  function renderTables() {
    var visible = cy.nodes().filter(function (n) { return !hidden.has(n.data("cls")); });
    var nodes = visible.toArray().sort(function (a, b) {
      return (classLabel(a.data("cls")) + label(a)).localeCompare(classLabel(b.data("cls")) + label(b));
    });
    nodeBody.replaceChildren();
    nodes.forEach(function (n) {
      var tr = document.createElement("tr");
      tr.dataset.node = n.id();
      tr.dataset["class"] = n.data("cls");
      var th = document.createElement("th");
      th.scope = "row";
      var name;
      if (n.data("page")) { name = document.createElement("a"); name.href = n.data("page"); } else { name = document.createElement("span"); }
      name.textContent = label(n);
      th.appendChild(name);
      var td = document.createElement("td");
      td.textContent = classLabel(n.data("cls"));
      var action = document.createElement("td");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button--small";
      button.dataset.expand = n.id();
      if (expanded.indexOf(n.id()) >= 0) {
        button.textContent = config.strings.expanded;
        button.disabled = true;
      } else {
        button.textContent = config.strings.expand;
        button.setAttribute("aria-label", config.strings.expand + ": " + label(n));
      }
      action.appendChild(button);
      tr.append(th, td, action);
      nodeBody.appendChild(tr);
    });
    edgeBody.replaceChildren();
    var edges = cy.edges().filter(function (e) { return !hidden.has(e.source().data("cls")) && !hidden.has(e.target().data("cls")); });
    edges.toArray().sort(function (a, b) { return (a.data("label") + label(a.source())).localeCompare(b.data("label") + label(b.source())); })
      .forEach(function (e) {
        var tr = document.createElement("tr");
        [label(e.source()), e.data("label"), label(e.target())].forEach(function (text) {
          var td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        });
        edgeBody.appendChild(tr);
      });
    statusEl.textContent = config.strings.status.replace("{nodes}", visible.length).replace("{edges}", edges.length);
  }

  function layout() {
    cy.elements().not(".hidden-class").layout(layoutOptions()).run();
  }

  function expand(iri) {
    if (expanded.indexOf(iri) >= 0) { return Promise.resolve(); }
    statusEl.textContent = config.strings.loading;
    var url = config.neighbourhood + "?" + new URLSearchParams({ resource: iri, lang: lang }).toString();
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.message || response.statusText); }
          return body;
        });
      })
      .then(function (more) {
        more.classes.forEach(function (c) { if (!classes[c.iri || ""]) { classes[c.iri || ""] = c; } });
        var added = [];
        more.nodes.forEach(function (n) { if (cy.getElementById(n.id).empty()) { added.push(G.nodeElement(n, lang)); } });
        more.edges.forEach(function (e) { if (cy.getElementById(e.id).empty()) { added.push(G.edgeElement(e, lang)); } });
        cy.add(added);
        expanded.push(iri);
        cy.getElementById(iri).addClass("expanded");
        addFilterOptions(more.classes);
        applyFilter();
        layout();
        renderTables();
        updateUrl();
      })
      .catch(function (err) {
        statusEl.textContent = config.strings.error + ": " + err.message;
      });
  }

  function addFilterOptions(newClasses) {
    var fieldset = section.querySelector(".class-filter");
    newClasses.forEach(function (c) {
      var key = c.iri || "";
      if (fieldset.querySelector("input[data-class=\"" + CSS.escape(key) + "\"]")) { return; }
      var labelEl = document.createElement("label");
      labelEl.className = "class-option";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "show";
      box.value = key;
      box.dataset["class"] = key;
      box.checked = !hidden.has(key);
      box.addEventListener("change", onFilterChange);
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.backgroundColor = G.classStyle(key)[0];
      labelEl.append(box, swatch, document.createTextNode(" " + ((c.labels && c.labels[lang]) || c.label)));
      fieldset.insertBefore(labelEl, applyButton);
    });
  }

  function onFilterChange(event) {
    var key = event.target.dataset["class"];
    if (event.target.checked) { hidden.delete(key); } else { hidden.add(key); }
    applyFilter();
    layout();
    renderTables();
    updateUrl();
  }

  filterBoxes.forEach(function (box) { box.addEventListener("change", onFilterChange); });

  cy.on("tap", "node", function (event) { expand(event.target.id()); });
  cy.on("dbltap", "node", function (event) {
    var page = event.target.data("page");
    if (page) { window.location.href = page; }
  });

  // The tables: "Expand" buttons (keyboard: Tab to it, Enter) and selecting a node by focusing its row.
  nodeBody.addEventListener("click", function (event) {
    var target = event.target.closest("[data-expand]");
    if (!target) { return; }
    event.preventDefault();
    expand(target.dataset.expand).then(function () {
      var again = nodeBody.querySelector("[data-expand=\"" + CSS.escape(target.dataset.expand) + "\"]");
      if (again) { again.focus(); }
    });
  });
  nodeBody.addEventListener("focusin", function (event) {
    var row = event.target.closest("tr[data-node]");
    if (!row) { return; }
    cy.nodes().unselect();
    cy.getElementById(row.dataset.node).select();
  });

  langSelect.addEventListener("change", function () {
    lang = langSelect.value;
    G.relabel(cy, lang);
    renderTables();
    updateUrl();
  });

  pngButton.hidden = false;
  pngButton.addEventListener("click", function () {
    G.downloadPng(cy, "explorer-" + G.localName(graph.resource) + ".png");
  });

  applyFilter();
  layout();
  renderTables();
  container.dataset.ready = "true";
  window.bochumExplorer = { cy: cy, expand: expand };
})();
