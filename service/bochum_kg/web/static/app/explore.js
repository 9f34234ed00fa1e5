/* The explorer: draw a resource's neighbourhood, expand nodes (click or the table's "Expand"
 * buttons, which work with Enter), filter by class, switch label language, save as PNG.
 *
 * Not every neighbour is drawn: of each expanded node's neighbours at most CAP (15, 8 on a phone) are drawn (taken in
 * turn from each class, so every class is represented); the others are grouped into one node per
 * class, "+N <class>", which shows them when clicked (or with the table's "show N more" button).
 * Nodes are laid out force-directed (fCoSE); the view fits the screen after each change.
 *
 * The URL always reproduces the view (?resource, ?expand…, ?more…, ?hide…, ?lang), and the node
 * and edge tables are re-rendered with every change: they are the graph's text alternative.
 */
(function () {
  "use strict";
  var G = window.BochumGraph;
  var graph = G.readJson("graph-data");
  var config = G.readJson("graph-config");
  if (!graph || !config || typeof cytoscape === "undefined") { return; }

  var container = document.querySelector("#explorer [data-role=graph]");
  var CAP = container && container.clientWidth < 600 ? 8 : 15;  // fewer on a phone
  var W = window.BochumSite.strings({
    de: { more: "{n} weitere zeigen", moreLabel: "+{n} {cls}", moreRow: "{n} weitere Nachbarn von „{of}“: {cls}",
      grouped: "{n} weitere Knoten sind gruppiert.", fit: "Ganze Grafik zeigen", legend: "Legende und Filter" },
    en: { more: "Show {n} more", moreLabel: "+{n} {cls}", moreRow: "{n} more neighbours of “{of}”: {cls}",
      grouped: "{n} more nodes are grouped.", fit: "Fit to screen", legend: "Legend and filter" }
  });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key] !== undefined ? String(values[key]) : all; });
  }

  var section = document.getElementById("explorer");
  var statusEl = section.querySelector("[data-role=status]");
  var nodeBody = section.querySelector("[data-role=node-table] tbody");
  var edgeBody = section.querySelector("[data-role=edge-table] tbody");
  var langSelect = section.querySelector("[data-role=label-lang]");
  var pngButton = section.querySelector("[data-role=download-png]");
  var permalink = section.querySelector("[data-role=permalink]");
  var filterBoxes = section.querySelectorAll(".class-filter input[type=checkbox]");
  var applyButton = section.querySelector(".class-filter button");
  var legendTitle = section.querySelector(".class-filter legend");

  var lang = config.lang;
  var hidden = new Set(config.hidden || []);
  var expanded = graph.expanded.slice();
  var classes = {};
  graph.classes.forEach(function (c) { classes[c.iri || ""] = c; });

  // Everything known (the server's graph and every expansion); cy holds what is drawn.
  var known = { nodes: {}, edges: {} };
  function learn(part) {
    (part.nodes || []).forEach(function (n) { if (!known.nodes[n.id]) { known.nodes[n.id] = n; } });
    (part.edges || []).forEach(function (e) { if (!known.edges[e.id]) { known.edges[e.id] = e; } });
  }
  learn(graph);

  // "more" keys: an expanded node and a class whose grouped neighbours are all shown
  var shownMore = new Set(new URLSearchParams(window.location.search).getAll("more"));

  if (applyButton) { applyButton.hidden = true; }
  if (legendTitle) { legendTitle.textContent = W.legend; }
  G.paintSwatches(section);

  function classLabel(iri) {
    var entry = classes[iri || ""];
    return entry ? ((entry.labels && entry.labels[lang]) || entry.label) : "";
  }

  function nodeLabel(n) {
    return (n.labels && n.labels[lang]) || n.label || n.id;
  }

  function neighbours(iri) {
    var out = [];
    Object.keys(known.edges).forEach(function (id) {
      var e = known.edges[id];
      if (e.source === iri && out.indexOf(e.target) < 0) { out.push(e.target); }
      if (e.target === iri && out.indexOf(e.source) < 0) { out.push(e.source); }
    });
    return out.filter(function (id) { return known.nodes[id]; });
  }

  // Which nodes are drawn, and the groups of those that are not (see the comment at the top).
  function plan() {
    var drawn = new Set(expanded);
    var groups = [];
    expanded.forEach(function (of) {
      var byClass = {};
      neighbours(of).forEach(function (id) {
        var cls = known.nodes[id]["class"] || "";
        (byClass[cls] = byClass[cls] || []).push(id);
      });
      var order = Object.keys(byClass).sort(function (a, b) { return G.classRank(a) - G.classRank(b) || a.localeCompare(b); });
      order.forEach(function (cls) {
        byClass[cls].sort(function (a, b) {
          return (drawn.has(b) ? 1 : 0) - (drawn.has(a) ? 1 : 0) || nodeLabel(known.nodes[a]).localeCompare(nodeLabel(known.nodes[b]));
        });
      });
      var taken = 0;
      var picked = {};
      var round = 0;
      var more = true;
      while (taken < CAP && more) {  // one of each class in turn, until CAP
        more = false;
        for (var i = 0; i < order.length && taken < CAP; i += 1) {
          var list = byClass[order[i]];
          if (round < list.length) {
            more = true;
            picked[list[round]] = true;
            taken += 1;
          }
        }
        round += 1;
      }
      order.forEach(function (cls) {
        var rest = byClass[cls].filter(function (id) { return !picked[id] && !drawn.has(id); });
        var key = of + " " + cls;
        byClass[cls].forEach(function (id) { if (picked[id] || shownMore.has(key)) { drawn.add(id); } });
        if (rest.length && !shownMore.has(key)) { groups.push({ id: "more " + key, of: of, cls: cls, members: rest }); }
      });
    });
    // a grouped node that another expansion draws is not grouped any more
    groups.forEach(function (g) { g.members = g.members.filter(function (id) { return !drawn.has(id); }); });
    return { drawn: drawn, groups: groups.filter(function (g) { return g.members.length; }) };
  }

  var current = plan();

  function groupElement(g) {
    var look = G.classStyle(g.cls);
    return { group: "nodes", data: {
      id: g.id, label: fill(W.moreLabel, { n: g.members.length, cls: classLabel(g.cls) }), cls: g.cls,
      color: look[0], shape: "round-rectangle", group: true, of: g.of, count: g.members.length
    }, classes: "group" };
  }

  function drawnElements(p) {
    var els = [];
    p.drawn.forEach(function (id) { els.push(G.nodeElement(known.nodes[id], lang)); });
    Object.keys(known.edges).forEach(function (id) {
      var e = known.edges[id];
      if (p.drawn.has(e.source) && p.drawn.has(e.target)) { els.push(G.edgeElement(e, lang)); }
    });
    p.groups.forEach(function (g) {
      els.push(groupElement(g));
      els.push({ group: "edges", data: { id: "edge " + g.id, source: g.of, target: g.id, label: "" }, classes: "group-edge" });
    });
    return els;
  }

  var initial = drawnElements(current);
  initial.forEach(function (el) { if (el.group === "nodes" && hidden.has(el.data.cls || "")) { el.classes = (el.classes || "") + " hidden-class"; } });
  var cy = G.create(container, initial, { name: "preset" });
  G.keyboard(cy, container);
  markNodes();

  function markNodes() {
    cy.getElementById(graph.resource).addClass("centre");
    expanded.forEach(function (iri) { cy.getElementById(iri).addClass("expanded"); });
  }

  // Bring cy in line with the plan: add what is new (placed next to the node it hangs on), remove what went.
  function sync() {
    var next = plan();
    var wanted = {};
    drawnElements(next).forEach(function (el) { wanted[el.data.id] = el; });
    cy.batch(function () {
      cy.elements().forEach(function (el) {
        if (!wanted[el.id()]) { cy.remove(el); }
      });
      var adding = [];
      Object.keys(wanted).forEach(function (id) {
        var el = wanted[id];
        if (!cy.getElementById(id).empty()) {
          if (el.data.group) { cy.getElementById(id).data({ label: el.data.label, count: el.data.count }); }
          return;
        }
        if (el.group === "nodes") {
          var anchor = el.data.of ? cy.getElementById(el.data.of) : null;
          if (!anchor || anchor.empty()) {
            var near = neighbours(id).map(function (n) { return cy.getElementById(n); }).filter(function (n) { return !n.empty(); })[0];
            anchor = near || null;
          }
          var at = anchor && !anchor.empty() ? anchor.position() : { x: 0, y: 0 };
          el.position = { x: at.x + (Math.random() - 0.5) * 60, y: at.y + (Math.random() - 0.5) * 60 };
        }
        adding.push(el);
      });
      cy.add(adding.filter(function (el) { return el.group === "nodes"; }));
      cy.add(adding.filter(function (el) { return el.group === "edges"; }));
    });
    current = next;
    markNodes();
  }

  function updateUrl() {
    var params = new URLSearchParams();
    params.set("resource", graph.resource);
    expanded.slice(1).forEach(function (iri) { params.append("expand", iri); });
    Array.from(shownMore).sort().forEach(function (key) { params.append("more", key); });
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

  function cell(text) {
    var td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  function renderTables() {
    var visible = cy.nodes().filter(function (n) { return !hidden.has(n.data("cls")) && !n.data("group"); });
    var nodes = visible.toArray().sort(function (a, b) {
      return (classLabel(a.data("cls")) + a.data("label")).localeCompare(classLabel(b.data("cls")) + b.data("label"));
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
      name.textContent = n.data("label") || n.id();
      th.appendChild(name);
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
        button.setAttribute("aria-label", config.strings.expand + ": " + (n.data("label") || n.id()));
      }
      action.appendChild(button);
      tr.append(th, cell(classLabel(n.data("cls"))), action);
      nodeBody.appendChild(tr);
    });
    var groupedCount = 0;
    current.groups.filter(function (g) { return !hidden.has(g.cls); }).forEach(function (g) {
      groupedCount += g.members.length;
      var tr = document.createElement("tr");
      tr.dataset.group = g.id;
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = fill(W.moreRow, { n: g.members.length, of: nodeLabel(known.nodes[g.of]), cls: classLabel(g.cls) });
      var action = document.createElement("td");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button--small";
      button.dataset.more = g.id;
      button.textContent = fill(W.more, { n: g.members.length });
      action.appendChild(button);
      tr.append(th, cell(classLabel(g.cls)), action);
      nodeBody.appendChild(tr);
    });
    edgeBody.replaceChildren();
    var edges = cy.edges().filter(function (e) {
      return !e.hasClass("group-edge") && !hidden.has(e.source().data("cls")) && !hidden.has(e.target().data("cls"));
    });
    edges.toArray().sort(function (a, b) { return (a.data("label") + a.source().data("label")).localeCompare(b.data("label") + b.source().data("label")); })
      .forEach(function (e) {
        var tr = document.createElement("tr");
        tr.append(cell(e.source().data("label")), cell(e.data("label")), cell(e.target().data("label")));
        edgeBody.appendChild(tr);
      });
    // the legend counts what is known of each class (drawn or grouped)
    var counts = {};
    Object.keys(known.nodes).forEach(function (id) {
      if (current.drawn.has(id) || current.groups.some(function (g) { return g.members.indexOf(id) >= 0; })) {
        var cls = known.nodes[id]["class"] || "";
        counts[cls] = (counts[cls] || 0) + 1;
      }
    });
    section.querySelectorAll(".class-filter .class-option").forEach(function (option) {
      var box = option.querySelector("input[data-class]");
      var count = option.querySelector(".count");
      if (!count) { count = document.createElement("span"); count.className = "count"; option.append(" ", count); }
      count.textContent = "(" + (counts[box.dataset["class"]] || 0) + ")";
    });
    statusEl.textContent = config.strings.status.replace("{nodes}", visible.length).replace("{edges}", edges.length)
      + (groupedCount ? " " + fill(W.grouped, { n: groupedCount }) : "");
  }

  function refresh(incremental) {
    applyFilter();
    G.runLayout(cy, incremental);
    renderTables();
    updateUrl();
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
        learn(more);
        expanded.push(iri);
        addFilterOptions(more.classes);
        sync();
        refresh(true);
      })
      .catch(function (err) {
        statusEl.textContent = config.strings.error + ": " + err.message;
      });
  }

  function showMore(groupId) {
    var g = current.groups.filter(function (x) { return x.id === groupId; })[0];
    if (!g) { return; }
    shownMore.add(g.of + " " + g.cls);
    sync();
    refresh(true);
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
      swatch.className = "swatch swatch--shape";
      swatch.setAttribute("aria-hidden", "true");
      swatch.appendChild(G.swatch(key));
      labelEl.append(box, swatch, document.createTextNode(" " + ((c.labels && c.labels[lang]) || c.label)));
      fieldset.insertBefore(labelEl, applyButton);
    });
  }

  function onFilterChange(event) {
    var key = event.target.dataset["class"];
    if (event.target.checked) { hidden.delete(key); } else { hidden.add(key); }
    refresh(true);
  }

  filterBoxes.forEach(function (box) { box.addEventListener("change", onFilterChange); });

  cy.on("tap", "node", function (event) {
    if (event.target.data("group")) { showMore(event.target.id()); } else { expand(event.target.id()); }
  });
  cy.on("dbltap", "node", function (event) {
    var page = event.target.data("page");
    if (page) { window.location.href = page; }
  });

  // The tables: "Expand" / "show more" buttons (keyboard: Tab to it, Enter) and selecting a node by focusing its row.
  nodeBody.addEventListener("click", function (event) {
    var target = event.target.closest("[data-expand], [data-more]");
    if (!target) { return; }
    event.preventDefault();
    if (target.dataset.more) {
      showMore(target.dataset.more);
      var first = nodeBody.querySelector("[data-expand]:not([disabled])");
      if (first) { first.focus(); }
      return;
    }
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
    cy.nodes(".group").forEach(function (n) {
      n.data("label", fill(W.moreLabel, { n: n.data("count"), cls: classLabel(n.data("cls")) }));
    });
    renderTables();
    updateUrl();
  });

  // toolbar: fit to screen, PNG
  var fitButton = document.createElement("button");
  fitButton.type = "button";
  fitButton.dataset.role = "fit";
  fitButton.textContent = W.fit;
  fitButton.addEventListener("click", function () { G.fit(cy); });
  pngButton.before(fitButton);
  pngButton.hidden = false;
  pngButton.addEventListener("click", function () {
    G.downloadPng(cy, "explorer-" + G.localName(graph.resource) + ".png");
  });

  applyFilter();
  G.runLayout(cy, false);
  renderTables();
  if (shownMore.size) { updateUrl(); }
  container.dataset.ready = "true";
  window.bochumExplorer = { cy: cy, expand: expand, showMore: showMore, fit: function () { G.fit(cy); } };
})();
