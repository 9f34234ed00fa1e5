/* The result views of the workbench, registered with YASR: the table (YASR's, with our links
 * and words), the raw response, a bar chart of a numeric column (SVG) and the network of a
 * CONSTRUCT / DESCRIBE result (the shared graph view, graph-view.js).
 *
 * window.BochumWorkbenchViews.register({prefixes, strings, termLabel}): strings are the
 * server's workbench strings (config.strings), termLabel(kind, iri) the label of an ontology term
 * in the page language (null until /api/terms has answered).
 */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var Site = window.BochumSite;
  var pageLang = Site.lang();
  var S = window.BochumYasguiWords.words;
  var Yasr = window.Yasgui && window.Yasgui.Yasr;
  var config = { prefixes: {} };
  var strings = {};
  var termLabel = function () { return null; };
  if (!Yasr) { return; }

  // --- helpers ---------------------------------------------------------------------------------
  function svg(name, attrs, text) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
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

  // --- result view: table (YASR's, with our links and words) -------------------------------------
  var BaseTable = Yasr.plugins.table;
  BaseTable.defaults.openIriInNewWindow = false;
  BaseTable.defaults.tableConfig.language = {
    info: S.info, infoEmpty: S.infoEmpty, infoFiltered: S.infoFiltered, zeroRecords: S.zeroRecords, emptyTable: S.emptyTable,
    paginate: { first: "&lt;&lt;", last: "&gt;&gt;", next: "&gt;", previous: "&lt;" },
    aria: { paginate: { first: S.first, previous: S.previous, next: S.next, last: S.last } }
  };

  class Table extends BaseTable {
    constructor(yasr) {
      super(yasr);
      this.label = S.table;
    }

    // IRIs of this dataset open their page here (as on the HTML pages); others open as themselves in a new tab.
    getUriLinkFromBinding(binding, prefixes) {
      var iri = binding.value;
      var visible = iri;
      var prefixed = false;
      if (prefixes) {
        Object.keys(prefixes).some(function (p) {
          if (prefixes[p] && iri.indexOf(prefixes[p]) === 0) { visible = p + ":" + iri.slice(prefixes[p].length); prefixed = true; return true; }
          return false;
        });
      }
      var local = Site.localHref(iri);
      var attrs = local ? " href=\"" + escapeHtml(local) + "\" title=\"" + escapeHtml(iri) + "\""
        : " href=\"" + escapeHtml(iri) + "\" target=\"_blank\" rel=\"noopener noreferrer external\"";
      var hide = prefixed || (this.persistentConfig && this.persistentConfig.compact);
      return (hide ? "" : "&lt;") + "<a class=\"iri\"" + attrs + ">" + escapeHtml(visible) + "</a>" + (hide ? "" : "&gt;");
    }

    // Long values wrap instead of being cut off (the reader can still switch to shortened cells),
    // and the table fits its box: YASR fixes the column widths from the first rendering, which on a
    // narrow box or with many columns is wider than the box.
    draw(persistentConfig) {
      var self = this;
      var result = super.draw(Object.assign({ isEllipsed: false }, persistentConfig || {}));
      this.fitToBox();
      requestAnimationFrame(function () { self.fitToBox(); });  // once the box is laid out
      return result;
    }

    fitToBox() {
      var table = this.tableEl;
      var box = this.yasr.resultsEl.clientWidth || this.yasr.rootEl.clientWidth;
      if (!table || !box || table.offsetWidth <= box) { return; }
      // DataTables puts the widths on <col> elements, the column resizer on the headers
      table.querySelectorAll("colgroup col, thead th").forEach(function (el) {
        if (el.cellIndex === 0 || el === table.querySelector("colgroup col")) { return; }
        el.style.width = "";
      });
      table.style.width = box + "px";
    }

    getSizeFirstColumn() {
      var rows = (this.yasr.results && this.yasr.results.getBindings() || []).length;
      return String(rows).length * 10 + 14;
    }

    getColumns() {
      var columns = super.getColumns();
      if (columns.length) { columns[0].title = "<span class=\"visually-hidden\">" + escapeHtml(S.rowNumber) + "</span>"; }
      return columns;
    }

    drawControls() {
      super.drawControls();
      var controls = this.yasr.pluginControls;
      var labels = controls.querySelectorAll(".tableControls .switch .label");
      if (labels[0]) { labels[0].textContent = S.simpleView; }
      if (labels[1]) { labels[1].textContent = S.ellipse; }
      var filter = controls.querySelector(".tableFilter");
      if (filter) {
        filter.placeholder = S.filter;
        filter.setAttribute("aria-label", S.filter);
        filter.type = "search";
      }
      var sizer = controls.querySelector(".tableSizer");
      var sizerLabel = controls.querySelector(".pageSizerLabel");
      if (sizer && sizerLabel) {
        sizerLabel.textContent = S.pageSize + ": ";
        sizerLabel.id = "wb-page-size-label";
        sizer.setAttribute("aria-labelledby", "wb-page-size-label");
        var all = sizer.querySelector("option[value='-1']");
        if (all) { all.textContent = S.all; }
      }
    }

    download(filename) {
      var info = super.download(filename);
      info.title = S.downloadAs.replace("{name}", "CSV");
      return info;
    }
  }
  Yasr.registerPlugin("table", Table);

  class Response extends Yasr.plugins.response {
    constructor(yasr) {
      super(yasr);
      this.label = S.response;
    }

    download(filename) {
      var info = super.download(filename);
      if (info) { info.title = S.download; }
      return info;
    }
  }
  Yasr.registerPlugin("response", Response);

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
      holder.replaceChildren(self.chart(bindings, labelVar, names, pick.value));
    }
    pick.addEventListener("change", render);
    render();
  };
  // The bar's name: the label column, else the first other column that has a value in the row.
  function barName(b, labelVar, names, i) {
    var pickVar = labelVar && b[labelVar] ? labelVar : names.filter(function (v) { return b[v]; })[0];
    if (!pickVar) { return String(i + 1); }
    return b[pickVar].type === "uri" ? shortName(b[pickVar].value) : b[pickVar].value;
  }
  ChartPlugin.prototype.chart = function (bindings, labelVar, names, valueVar) {
    var rows = bindings.filter(function (b) { return b[valueVar]; }).slice(0, 60);
    var values = rows.map(function (b) { return Number(b[valueVar].value); });
    var max = Math.max.apply(null, values.map(Math.abs).concat([1]));
    var height = rows.length * 26 + 10;
    var el = svg("svg", { role: "img", width: "100%", height: String(height), viewBox: "0 0 700 " + height, "aria-labelledby": "wb-chart-title", "data-role": "chart" });
    el.appendChild(svg("title", { id: "wb-chart-title" }, strings.chart + ": ?" + valueVar + (labelVar ? " / ?" + labelVar : "")));
    rows.forEach(function (b, i) {
      var y = 5 + i * 26;
      var name = barName(b, labelVar, names, i);
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
      contentType: "image/svg+xml", title: S.downloadAs.replace("{name}", "SVG"), filename: (filename || "chart") + ".svg"
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
  // Triples -> the JSON shape of /api/neighbourhood (nodes with class, edges with label), so the
  // network draws exactly like the explorer. Edge ids are unique per (subject, predicate, object):
  // a triple that comes twice is one edge.
  GraphPlugin.prototype.graphOf = function (bindings) {
    var labels = {}, types = {}, nodes = {}, edges = {};
    bindings.forEach(function (b) {
      var s = b.subject, p = b.predicate, o = b.object;
      if (p.value === RDFS_LABEL && o.type === "literal") {
        var lang = o["xml:lang"] || o.lang;
        if (!labels[s.value] || lang === pageLang) { labels[s.value] = o.value; }
        nodes[s.value] = true;
        return;
      }
      if (p.value === RDF_TYPE) { if (!types[s.value]) { types[s.value] = o.value; } nodes[s.value] = true; return; }
      if (o.type === "literal") { return; }
      nodes[s.value] = true;
      nodes[o.value] = true;
      var id = s.value + " " + p.value + " " + o.value;
      edges[id] = { id: id, source: s.value, target: o.value, label: termLabel("properties", p.value) || shortName(p.value), predicate: p.value };
    });
    return {
      nodes: Object.keys(nodes).map(function (iri) {
        return { id: iri, label: labels[iri] || shortName(iri), "class": types[iri] || "", page: Site.localHref(iri) };
      }),
      edges: Object.keys(edges).map(function (k) { return edges[k]; })
    };
  };
  GraphPlugin.prototype.draw = function () {
    var graph = this.graphOf(this.yasr.results.getBindings());
    var wrapper = document.createElement("div");
    wrapper.className = "wb-graph";
    this.yasr.resultsEl.appendChild(wrapper);
    var classLabels = {};
    graph.nodes.forEach(function (n) { if (n["class"]) { classLabels[n["class"]] = termLabel("classes", n["class"]) || shortName(n["class"]); } });
    this.view = window.BochumGraph.mount(wrapper, graph, {
      label: strings.graph + ": " + graph.nodes.length + " / " + graph.edges.length,
      classLabels: classLabels,
      filename: "construct.png",
      role: "network"
    });
    this.cy = this.view.cy;
  };
  GraphPlugin.prototype.download = function () {
    var self = this;
    return {
      getData: function () { return self.cy ? self.cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }) : ""; },
      contentType: "image/png", title: S.downloadAs.replace("{name}", "PNG"), filename: "construct.png"
    };
  };
  GraphPlugin.prototype.destroy = function () { if (this.view) { this.view.destroy(); this.view = null; this.cy = null; } };

  Yasr.registerPlugin("chart", ChartPlugin);
  Yasr.registerPlugin("graph", GraphPlugin);

  // The plugins are registered above (before YASGUI starts); this gives them the page's context.
  window.BochumWorkbenchViews = {
    register: function (context) {
      config = { prefixes: context.prefixes };
      strings = context.strings;
      termLabel = context.termLabel;
    }
  };
})();
