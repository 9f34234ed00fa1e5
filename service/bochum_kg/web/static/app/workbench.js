/* The SPARQL workbench: YASGUI (@zazuko/yasgui, served from /static/vendor) configured for this graph.
 *
 * - endpoint: our /sparql (POST), no endpoint catalogue or outside services;
 * - autocompletion of the graph's prefixes, classes and properties from /api/terms (the stock
 *   completers that ask lov.linkeddata.es are switched off: nothing leaves this server);
 * - the named queries as examples, loaded into the editor with their example parameters;
 * - result views: table, chart (bar chart of a numeric column, SVG), network (CONSTRUCT /
 *   DESCRIBE results, Cytoscape.js) and the raw response, each with a download;
 * - a permalink /workbench?query=… (YASGUI reads ?query= on load).
 */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var config = JSON.parse(document.getElementById("workbench-config").textContent);
  var examples = JSON.parse(document.getElementById("workbench-examples").textContent);
  var strings = config.strings;
  var root = document.getElementById("yasgui");
  var message = document.querySelector("[data-role=workbench-message]");
  var pageLang = document.documentElement.lang || "de";
  if (!window.Yasgui || !root) { return; }
  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;

  // --- autocompletion from our ontology ---------------------------------------------------
  var termsPromise = fetch(config.terms, { headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.statusText); } return response.json(); });

  function prefixStrings() {
    return Object.keys(config.prefixes).sort().map(function (p) { return p + ": <" + config.prefixes[p] + ">"; });
  }

  Yasqe.forkAutocompleter("prefixes", { name: "graphPrefixes", persistenceId: null, get: function () { return prefixStrings(); } }, false);
  Yasqe.forkAutocompleter("class", {
    name: "graphClasses", bulk: true, persistenceId: null,
    get: function () { return termsPromise.then(function (t) { return t.classes.map(function (c) { return c.iri; }); }, function () { return []; }); }
  }, false);
  Yasqe.forkAutocompleter("property", {
    name: "graphProperties", bulk: true, persistenceId: null,
    get: function () { return termsPromise.then(function (t) { return t.properties.map(function (c) { return c.iri; }); }, function () { return []; }); }
  }, false);
  Yasqe.defaults.autocompleters = ["graphPrefixes", "variables", "graphClasses", "graphProperties"];

  // --- helpers ---------------------------------------------------------------------------------
  function svg(name, attrs, text) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function shortName(iri) {
    var best = null;
    Object.keys(config.prefixes).forEach(function (p) {
      var ns = config.prefixes[p];
      if (iri.indexOf(ns) === 0 && (best === null || ns.length > config.prefixes[best].length)) { best = p; }
    });
    if (best === null) { return iri; }
    var local = iri.slice(config.prefixes[best].length);
    return /^[A-Za-z0-9_][A-Za-z0-9_.\-]*$/.test(local) ? best + ":" + local : iri;
  }

  function icon(letter) {
    var el = svg("svg", { viewBox: "0 0 20 20", width: "16", height: "16", "aria-hidden": "true" });
    el.appendChild(svg("text", { x: "10", y: "15", "text-anchor": "middle", "font-size": "14", "font-weight": "bold" }, letter));
    return el;
  }

  var NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;

  function numericColumns(vars, bindings) {
    return vars.filter(function (v) {
      var seen = 0;
      var ok = bindings.every(function (b) {
        if (!b[v]) { return true; }
        seen += 1;
        return b[v].type !== "uri" && b[v].datatype && NUMERIC.test(b[v].datatype) && isFinite(Number(b[v].value));
      });
      return ok && seen > 0;
    });
  }

  // --- result view: bar chart ------------------------------------------------------------------
  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = strings.chart;
  }
  ChartPlugin.prototype.getIcon = function () { return icon("▤"); };
  ChartPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    if (!results || results.getType() === "ttl") { return false; }
    var vars = results.getVariables() || [];
    var bindings = results.getBindings() || [];
    return bindings.length > 0 && numericColumns(vars, bindings).length > 0 && vars.length > 1;
  };
  ChartPlugin.prototype.draw = function () {
    var self = this;
    var results = this.yasr.results;
    var vars = results.getVariables();
    var bindings = results.getBindings();
    var numeric = numericColumns(vars, bindings);
    var names = vars.filter(function (v) { return numeric.indexOf(v) < 0; });
    var labelVar = names.filter(function (v) { return /label/i.test(v); })[0] || names[0];
    var wrapper = document.createElement("div");
    wrapper.className = "wb-chart";
    var controls = document.createElement("p");
    var pick = document.createElement("select");
    pick.id = "wb-chart-column";
    numeric.forEach(function (v) { var o = document.createElement("option"); o.value = v; o.textContent = "?" + v; pick.appendChild(o); });
    var pickLabel = document.createElement("label");
    pickLabel.htmlFor = pick.id;
    pickLabel.textContent = strings.chart + ": ";
    controls.append(pickLabel, pick);
    var holder = document.createElement("div");
    wrapper.append(controls, holder);
    this.yasr.resultsEl.appendChild(wrapper);
    function render() {
      holder.replaceChildren(self.chart(bindings, labelVar, pick.value));
    }
    pick.addEventListener("change", render);
    render();
  };
  ChartPlugin.prototype.chart = function (bindings, labelVar, valueVar) {
    var rows = bindings.filter(function (b) { return b[valueVar]; }).slice(0, 60);
    var values = rows.map(function (b) { return Number(b[valueVar].value); });
    var max = Math.max.apply(null, values.map(Math.abs).concat([1]));
    var height = rows.length * 26 + 10;
    var el = svg("svg", { role: "img", width: "100%", height: String(height), viewBox: "0 0 700 " + height, "aria-labelledby": "wb-chart-title", "data-role": "chart" });
    el.appendChild(svg("title", { id: "wb-chart-title" }, strings.chart + ": ?" + valueVar + (labelVar ? " / ?" + labelVar : "")));
    rows.forEach(function (b, i) {
      var y = 5 + i * 26;
      var name = labelVar && b[labelVar] ? (b[labelVar].type === "uri" ? shortName(b[labelVar].value) : b[labelVar].value) : String(i + 1);
      var width = Math.max(1, 380 * Math.abs(values[i]) / max);
      var g = svg("g", {});
      g.appendChild(svg("text", { x: "0", y: String(y + 15), "font-size": "12" }, name.length > 40 ? name.slice(0, 39) + "…" : name));
      g.appendChild(svg("rect", { x: "270", y: String(y + 2), width: width.toFixed(1), height: "18", fill: "#00607a" }));
      g.appendChild(svg("text", { x: String(276 + width), y: String(y + 15), "font-size": "12" }, b[valueVar].value));
      el.appendChild(g);
    });
    this.lastSvg = el;
    return el;
  };
  ChartPlugin.prototype.download = function (filename) {
    var self = this;
    return {
      getData: function () { return self.lastSvg ? new XMLSerializer().serializeToString(self.lastSvg) : ""; },
      contentType: "image/svg+xml", title: strings.chart + " (SVG)", filename: (filename || "chart") + ".svg"
    };
  };

  // --- result view: network of CONSTRUCT / DESCRIBE results ------------------------------------
  var RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  var RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";

  function GraphPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 4;
    this.label = strings.graph;
  }
  GraphPlugin.prototype.getIcon = function () { return icon("◎"); };
  GraphPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    return !!results && results.getType() === "ttl" && (results.getBindings() || []).length > 0 && typeof cytoscape !== "undefined";
  };
  GraphPlugin.prototype.draw = function () {
    var bindings = this.yasr.results.getBindings();
    var labels = {}, types = {}, nodes = {}, edges = [];
    bindings.forEach(function (b) {
      var s = b.subject, p = b.predicate, o = b.object;
      if (p.value === RDFS_LABEL && o.type === "literal") {
        if (!labels[s.value] || (o["xml:lang"] || o.lang) === pageLang) { labels[s.value] = o.value; }
        return;
      }
      if (p.value === RDF_TYPE) { types[s.value] = types[s.value] || o.value; return; }
      if (o.type === "literal") { return; }
      nodes[s.value] = true;
      nodes[o.value] = true;
      edges.push({ id: "e" + edges.length, source: s.value, target: o.value, label: shortName(p.value) });
    });
    Object.keys(labels).forEach(function (iri) { nodes[iri] = true; });
    var G = window.BochumGraph;
    var elements = Object.keys(nodes).map(function (iri) {
      var look = G.classStyle(types[iri] || "");
      return { group: "nodes", data: { id: iri, label: labels[iri] || shortName(iri), color: look[0], shape: look[1] } };
    }).concat(edges.map(function (e) { return { group: "edges", data: e }; }));
    var wrapper = document.createElement("div");
    wrapper.className = "wb-graph";
    var actions = document.createElement("p");
    var png = document.createElement("button");
    png.type = "button";
    png.textContent = "PNG";
    actions.appendChild(png);
    var canvas = document.createElement("div");
    canvas.className = "graph-canvas";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", strings.graph + ": " + Object.keys(nodes).length + " / " + edges.length);
    canvas.dataset.role = "network";
    wrapper.append(actions, canvas);
    this.yasr.resultsEl.appendChild(wrapper);
    var cy = G.create(canvas, elements);
    png.addEventListener("click", function () { G.downloadPng(cy, "construct.png"); });
    this.cy = cy;
  };
  GraphPlugin.prototype.destroy = function () { if (this.cy) { this.cy.destroy(); this.cy = null; } };

  Yasr.registerPlugin("chart", ChartPlugin);
  Yasr.registerPlugin("graph", GraphPlugin);

  // --- YASGUI ----------------------------------------------------------------------------------
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; }, keys: [] },
    populateFromUrl: function (tab) {
      tab.requestConfig.args = [];  // only the query travels in our permalinks
      tab.requestConfig.endpoint = config.endpoint;
      return tab;
    },
    persistenceId: "bochum-kg-workbench",
    yasqe: { value: config.defaultQuery },
    yasr: { pluginOrder: ["table", "chart", "graph", "response"], defaultPlugin: "table" }
  });

  function showMessage(text, isError) {
    message.hidden = !text;
    message.textContent = text || "";
    message.classList.toggle("notice--error", !!isError);
    message.setAttribute("role", isError ? "alert" : "status");
  }

  yasgui.on("queryBefore", function () { showMessage(""); });
  yasgui.on("queryResponse", function (instance, tab) {
    var results = tab.getYasr().results;
    if (!results) { return; }
    var error = results.getError && results.getError();
    if (error) {
      // our endpoint answers errors as JSON {status, error, message}; show the message itself
      var detail = error.text || error.statusText || "";
      var status = error.status;
      var raw = (results.getOriginalResponseAsString && results.getOriginalResponseAsString()) || detail;
      try {
        var parsed = JSON.parse(raw);
        detail = parsed.message || detail;
        status = status || parsed.status;
      } catch (e) {
        detail = String(raw || detail).slice(0, 400);
      }
      showMessage(strings.failed + (status ? " (" + status + ")" : "") + ": " + detail, true);
      return;
    }
    var bindings = results.getBindings && results.getBindings();
    var hasBoolean = results.getBoolean && results.getBoolean() !== undefined;
    if (!hasBoolean && (!bindings || bindings.length === 0)) { showMessage(strings.empty, false); }
  });

  // --- examples --------------------------------------------------------------------------------
  var byName = {};
  examples.forEach(function (ex) { byName[ex.name] = ex; });
  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var ex = byName[button.dataset.example];
      var tab = yasgui.getTab();
      tab.setQuery(ex.text);
      tab.setName(ex.name);
      showMessage("");
      tab.getYasqe().focus();
      root.scrollIntoView({ block: "start" });
    });
  });

  // --- permalink -------------------------------------------------------------------------------
  var permalinkButton = document.querySelector("[data-role=permalink]");
  var permalinkLink = document.querySelector("[data-role=permalink-link]");
  var permalinkStatus = document.querySelector("[data-role=permalink-status]");
  permalinkButton.addEventListener("click", function () {
    var url = config.workbench + "?" + new URLSearchParams({ query: yasgui.getTab().getQuery() }).toString();
    history.replaceState(null, "", url);
    permalinkLink.href = url;
    permalinkLink.textContent = window.location.href;
    permalinkLink.hidden = false;
    permalinkStatus.textContent = strings.permalink_copied;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(window.location.href).catch(function () {});
    }
  });

  root.dataset.ready = "true";
  window.bochumWorkbench = { yasgui: yasgui };
})();
