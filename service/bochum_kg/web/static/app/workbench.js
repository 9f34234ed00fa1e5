/* The SPARQL workbench: YASGUI (@zazuko/yasgui, served from /static/vendor) configured for this graph.
 *
 * - endpoint: our /sparql (POST, as an absolute URL: YASGUI builds URL objects from it), no
 *   endpoint catalogue or outside services;
 * - autocompletion of the graph's prefixes, classes and properties from /api/terms (the stock
 *   completers that ask lov.linkeddata.es are switched off: nothing leaves this server);
 * - the named queries as examples, loaded with every parameter bound in a visible VALUES line
 *   (query-text.js; parameter types and defaults from the /api/ catalogue);
 * - result views: table (IRIs of this dataset link to their pages here, other IRIs open in a new
 *   tab), chart (bar chart of a numeric column, SVG), network (CONSTRUCT / DESCRIBE results, the
 *   shared graph view) and the raw response, each with a download;
 * - an error of the endpoint (400 with message, line and column) is shown next to the editor, and
 *   the place is marked in the editor;
 * - YASGUI's own words in the page language (<html lang>), labelled controls, the query kept in
 *   the address bar and in YASGUI's local storage, so it survives a reload; a permalink.
 */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var config = JSON.parse(document.getElementById("workbench-config").textContent);
  var examples = JSON.parse(document.getElementById("workbench-examples").textContent);
  var strings = config.strings;
  var root = document.getElementById("yasgui");
  var message = document.querySelector("[data-role=workbench-message]");
  var Site = window.BochumSite;
  var pageLang = Site.lang();
  if (!window.Yasgui || !root) { return; }
  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var endpoint = new URL(config.endpoint, window.location.href).href;

  // YASGUI's own words (it has no translations of its own), and the workbench's further ones.
  var S = Site.strings({
    de: {
      table: "Tabelle", response: "Antwort", showView: "Ansicht „{name}“ zeigen", simpleView: "Einfache Ansicht",
      ellipse: "Lange Werte kürzen", filter: "Ergebnisse filtern", pageSize: "Zeilen pro Seite", all: "alle",
      download: "Ergebnis herunterladen", downloadAs: "Ergebnis herunterladen ({name})", noDownload: "Für diese Ansicht gibt es keinen Download",
      results: "{n} Ergebnisse in {s} s", result: "1 Ergebnis in {s} s", responseIn: "Antwort in {s} s",
      docs: "Dokumentation der Ansicht „{name}“ (englisch)", run: "Abfrage ausführen", share: "Abfrage teilen",
      addTab: "Neuen Tab öffnen", closeTab: "Tab schließen", tabName: "Abfrage", endpoint: "SPARQL-Endpunkt",
      endpointPlaceholder: "Endpunkt suchen oder eingeben", clearEndpoint: "Endpunkt leeren", settingsOpen: "Einstellungen öffnen", settingsClose: "Einstellungen schließen",
      editor: "SPARQL-Abfrage (Tab verlässt den Editor, Strg+Leertaste ergänzt)", editorScroll: "Abfragetext (mit den Pfeiltasten blättern)", responseText: "Antwort des Endpunkts (nur lesen)", resultsRegion: "Ergebnisse",
      yes: "wahr", no: "falsch", showAll: "Alles zeigen", fallback: "Diese Ansicht kann das Ergebnis nicht darstellen; es wird als „{name}“ gezeigt.",
      rowNumber: "Nr.", info: "Zeilen _START_ bis _END_ von _TOTAL_", infoEmpty: "Keine Zeilen", infoFiltered: "(gefiltert aus _MAX_)",
      zeroRecords: "Keine passenden Zeilen", emptyTable: "Keine Ergebnisse", first: "Erste Seite", previous: "Vorige Seite",
      next: "Nächste Seite", last: "Letzte Seite", paramsHint: "Parameter – ändern Sie die Werte in der VALUES-Zeile:",
      settings: { "Request method": "Anfragemethode", "Accept Headers": "Gewünschte Formate (Accept-Header)",
        "Ask / Select": "ASK / SELECT", "Construct / Describe": "CONSTRUCT / DESCRIBE", "Arguments": "Weitere Parameter",
        "Header Arguments": "HTTP-Header", "Default Graphs": "Standardgraphen", "Named Graphs": "Benannte Graphen" },
      settingName: "Name", settingValue: "Wert", settingRemove: "Entfernen",
      position: "Zeile {line}, Spalte {column}", goTo: "Zur Stelle im Editor", catalogueFailed: "Die Parameter der Beispiele konnten nicht geladen werden"
    },
    en: {
      table: "Table", response: "Response", showView: "Show the {name} view", simpleView: "Simple view",
      ellipse: "Shorten long values", filter: "Filter the results", pageSize: "Rows per page", all: "all",
      download: "Download the result", downloadAs: "Download the result ({name})", noDownload: "This view offers no download",
      results: "{n} results in {s} s", result: "1 result in {s} s", responseIn: "Response in {s} s",
      docs: "Documentation of the {name} view", run: "Run the query", share: "Share the query",
      addTab: "Open a new tab", closeTab: "Close the tab", tabName: "Query", endpoint: "SPARQL endpoint",
      endpointPlaceholder: "Search or enter an endpoint", clearEndpoint: "Clear the endpoint", settingsOpen: "Open settings", settingsClose: "Close settings",
      editor: "SPARQL query (Tab leaves the editor, Ctrl+Space completes)", editorScroll: "Query text (scroll with the arrow keys)", responseText: "The endpoint's response (read only)", resultsRegion: "Results",
      yes: "true", no: "false", showAll: "Show all", fallback: "This view cannot show the result; it is shown as {name}.",
      rowNumber: "No.", info: "Rows _START_ to _END_ of _TOTAL_", infoEmpty: "No rows", infoFiltered: "(filtered from _MAX_)",
      zeroRecords: "No matching rows", emptyTable: "No results", first: "First page", previous: "Previous page",
      next: "Next page", last: "Last page", paramsHint: "Parameters – change the values in the VALUES line:",
      settings: { "Accept Headers": "Accepted formats (Accept header)", "Arguments": "Further parameters", "Header Arguments": "HTTP headers" },
      settingName: "Name", settingValue: "Value", settingRemove: "Remove",
      position: "line {line}, column {column}", goTo: "Go to the place in the editor", catalogueFailed: "The parameters of the examples could not be loaded"
    }
  });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key] !== undefined ? String(values[key]) : all; });
  }

  // --- autocompletion from our ontology ---------------------------------------------------
  var terms = null;  // the ontology's classes and properties with labels, once loaded
  var termsPromise = fetch(config.terms, { headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.statusText); } return response.json(); });
  termsPromise.then(function (t) { terms = t; }, function () {});

  function termLabel(kind, iri) {
    var entry = terms && (terms[kind] || []).filter(function (c) { return c.iri === iri; })[0];
    return entry && entry.labels ? (entry.labels[pageLang] || entry.labels.de || entry.labels.en) : null;
  }

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

  // --- errors: the endpoint's message, line and column -------------------------------------------
  // Yasqe throws the body of a failed response as the error's text (the status is lost on the way),
  // so the JSON body {status, error, message, line, column} is read from there.
  function parseError(error) {
    var detail = { status: error && error.status, message: (error && (error.text || error.statusText)) || "" };
    try {
      var body = JSON.parse(detail.message);
      detail.message = body.message || body.error || detail.message;
      detail.status = detail.status || body.status;
      detail.line = body.line;
      detail.column = body.column;
    } catch (e) {
      detail.message = String(detail.message).slice(0, 400);
    }
    return detail;
  }

  function errorText(detail) {
    return strings.failed + (detail.status ? " (" + detail.status + ")" : "") + ": " + detail.message
      + (detail.line ? " – " + fill(S.position, detail) : "");
  }

  var errorMark = null;
  function clearErrorMark() {
    if (errorMark) { errorMark.clear(); errorMark = null; }
  }
  function markError(detail) {
    clearErrorMark();
    if (!detail.line) { return; }
    var yasqe = yasgui.getTab().getYasqe();
    var line = Math.max(0, detail.line - 1);
    var ch = Math.max(0, (detail.column || 1) - 1);
    var lineText = yasqe.getLine(line) || "";
    var from = { line: line, ch: Math.min(ch, Math.max(0, lineText.length - 1)) };
    var to = { line: line, ch: Math.min(lineText.length, from.ch + 1) };
    if (to.ch <= from.ch) { to = { line: line, ch: lineText.length }; }
    errorMark = yasqe.markText(from, to, { className: "wb-error-mark", title: detail.message });
  }

  function goToError(detail) {
    var yasqe = yasgui.getTab().getYasqe();
    yasqe.focus();
    yasqe.setCursor({ line: Math.max(0, detail.line - 1), ch: Math.max(0, (detail.column || 1) - 1) });
  }

  Yasr.defaults.errorRenderers = [function (error) {
    var detail = parseError(error);
    var el = document.createElement("div");
    el.className = "wb-error";
    var text = document.createElement("p");
    text.textContent = errorText(detail);
    el.appendChild(text);
    return Promise.resolve(el);
  }];

  function showMessage(text, isError, detail) {
    message.hidden = !text;
    message.replaceChildren();
    message.classList.toggle("notice--error", !!isError);
    message.setAttribute("role", isError ? "alert" : "status");
    if (!text) { return; }
    var p = document.createElement("span");
    p.textContent = text;
    message.appendChild(p);
    if (detail && detail.line) {
      var go = document.createElement("button");
      go.type = "button";
      go.className = "button--small";
      go.dataset.role = "go-to-error";
      go.textContent = S.goTo;
      go.addEventListener("click", function () { goToError(detail); });
      message.append(" ", go);
    }
  }

  // --- YASGUI ----------------------------------------------------------------------------------
  var extraKeys = Object.assign({}, Yasqe.defaults.extraKeys, {
    // Tab moves on to the next control (false: CodeMirror leaves the key to the browser), so the
    // editor is no keyboard trap; indenting is done with spaces.
    Tab: false,
    "Shift-Tab": false
  });
  var menuHolder = document.createElement("div");
  menuHolder.className = "yasgui wb-context-menu";
  root.after(menuHolder);

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    tabName: S.tabName,
    contextMenuContainer: menuHolder,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    populateFromUrl: function (tab) {
      tab.requestConfig.args = [];  // only the query travels in our permalinks
      tab.requestConfig.endpoint = endpoint;
      return tab;
    },
    persistenceId: "bochum-kg-workbench",
    yasqe: { value: config.defaultQuery, screenReaderLabel: S.editor, extraKeys: extraKeys, editorHeight: "22rem", resizeable: true },
    yasr: { pluginOrder: ["table", "chart", "graph", "response"], defaultPlugin: "table", prefixes: config.prefixes }
  });

  // Tabs stored by an older version of this page may hold the relative endpoint "/sparql".
  Object.keys(yasgui._tabs || {}).forEach(function (id) {
    var tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint && tab.getEndpoint() !== endpoint) { tab.setEndpoint(endpoint); }
  });

  // --- YASGUI's controls: labels and words in the page language, ARIA that fits ---------------------
  // YASGUI draws its controls anew on every result and tab switch; this puts our words and labels
  // on them each time (only where they differ, so the observer settles at once).
  function setAttr(el, name, value) { if (el && el.getAttribute(name) !== value) { el.setAttribute(name, value); } }
  function setText(el, value) { if (el && el.textContent !== value) { el.textContent = value; } }

  function pluginName(key) {
    return { table: S.table, response: S.response, chart: strings.chart, graph: strings.graph, boolean: S.table }[key] || key;
  }

  function fixControls() {
    // the tab list holds tabs only: the "add tab" button stands next to it
    var tablist = root.querySelector(".tabsList");
    if (tablist) {
      var add = tablist.querySelector(".addTab");
      if (add) {
        var bar = document.createElement("div");
        bar.className = "wb-tabbar";
        tablist.before(bar);
        bar.append(tablist, add.parentElement);
        yasgui.tabElements.addTabEl = null;  // YASGUI inserts new tabs before it; now they are appended
        add.parentElement.className = "wb-add-tab";
      }
      var addButton = root.querySelector(".addTab");
      setAttr(addButton, "title", S.addTab);
      setAttr(addButton, "aria-label", S.addTab);
      setAttr(tablist, "aria-label", S.tabName);
    }
    root.querySelectorAll(".closeTab").forEach(function (el) { setAttr(el, "title", S.closeTab); });
    root.querySelectorAll(".tabPanel").forEach(function (el) { setAttr(el, "role", "tabpanel"); });
    root.querySelectorAll(".controlbar input.autocomplete").forEach(function (el) {
      setAttr(el, "aria-label", S.endpoint);
      setAttr(el, "placeholder", S.endpointPlaceholder);
    });
    root.querySelectorAll(".controlbar .clearEndpointBtn").forEach(function (el) {
      setAttr(el, "title", S.clearEndpoint);
      setAttr(el, "aria-label", S.clearEndpoint);
    });
    root.querySelectorAll(".controlbar button[aria-expanded]").forEach(function (el) {
      setAttr(el, "aria-label", el.getAttribute("aria-expanded") === "true" ? S.settingsClose : S.settingsOpen);
    });
    root.querySelectorAll(".yasqe_queryButton").forEach(function (el) { setAttr(el, "title", S.run); setAttr(el, "aria-label", S.run); });
    root.querySelectorAll(".yasqe_share").forEach(function (el) { setAttr(el, "title", S.share); setAttr(el, "aria-label", S.share); });
    root.querySelectorAll(".yasr_btnGroup .yasr_btn").forEach(function (el) {
      var key = (/select_(\w+)/.exec(el.className) || [])[1];
      var name = pluginName(key);
      setAttr(el, "title", name);
      setAttr(el, "aria-label", fill(S.showView, { name: name }));
      setText(el.querySelector("span"), name);
      setAttr(el, "aria-disabled", el.classList.contains("disabled") ? "true" : "false");
    });
    root.querySelectorAll(".yasr_downloadIcon").forEach(function (el) {
      setAttr(el, "aria-label", el.title && el.title !== "Download not supported" ? el.title : S.download);
      if (el.title === "Download not supported") { setAttr(el, "title", S.noDownload); }
    });
    root.querySelectorAll(".yasr_external_ref_btn").forEach(function (el) {
      var selected = root.querySelector(".yasr_btn.selected span");
      var label = fill(S.docs, { name: selected ? selected.textContent : "" });
      setAttr(el, "title", label);
      setAttr(el, "aria-label", label);
      setAttr(el, "hreflang", "en");
    });
    root.querySelectorAll(".yasr_response_chip").forEach(function (el) {
      var m = /^(\d+) results? in ([\d.]+) seconds?$/.exec(el.textContent);
      var r = /^Response in ([\d.]+) seconds?$/.exec(el.textContent);
      if (m) { setText(el, fill(m[1] === "1" ? S.result : S.results, { n: m[1], s: m[2] })); }
      if (r) { setText(el, fill(S.responseIn, { s: r[1] })); }
    });
    root.querySelectorAll(".yasr_fallback_info p").forEach(function (el) {
      if (/^Could not render/.test(el.textContent)) {
        var shown = root.querySelector(".yasr_btn.selected span");
        el.textContent = fill(S.fallback, { name: shown ? shown.textContent : "" });
      }
    });
    root.querySelectorAll(".yasr .booleanResult span, .yasr .booleanResult div").forEach(function (el) {
      if (el.children.length === 0 && (el.textContent === "True" || el.textContent === "False")) { setText(el, el.textContent === "True" ? S.yes : S.no); }
    });
    root.querySelectorAll(".yasr .showMore, .yasr button[title='Show all']").forEach(function (el) {
      setAttr(el, "title", S.showAll);
      if (el.textContent === "Show all") { setText(el, S.showAll); }
    });
    // the request settings (behind the gear): words, and labels tied to their fields
    root.querySelectorAll(".tabMenu .requestConfigWrapper").forEach(function (wrapper, w) {
      wrapper.querySelectorAll("label.label").forEach(function (label, k) {
        var original = label.dataset.original || label.textContent;
        label.dataset.original = original;
        setText(label, S.settings[original] || original);
        var field = label.nextElementSibling && /^(SELECT|INPUT)$/.test(label.nextElementSibling.tagName) ? label.nextElementSibling : null;
        if (field) {
          if (!field.id) { field.id = "wb-setting-" + w + "-" + k; }
          setAttr(label, "for", field.id);
        } else {
          if (!label.id) { label.id = "wb-setting-label-" + w + "-" + k; }
          var title = wrapper.querySelector("label.label");
      wrapper.querySelectorAll(".graphInput input").forEach(function (input) { if (title) { setAttr(input, "aria-label", title.textContent); } });
      wrapper.querySelectorAll(".selectorButton").forEach(function (button) {
        setAttr(button, "aria-pressed", button.classList.contains("selected") ? "true" : "false");
      });
      wrapper.querySelectorAll(".textRow").forEach(function (row) { setAttr(row, "role", "group"); setAttr(row, "aria-labelledby", label.id); });
        }
      });
      var title = wrapper.querySelector("label.label");
      wrapper.querySelectorAll(".graphInput input").forEach(function (input) { if (title) { setAttr(input, "aria-label", title.textContent); } });
      wrapper.querySelectorAll(".selectorButton").forEach(function (button) {
        setAttr(button, "aria-pressed", button.classList.contains("selected") ? "true" : "false");
      });
      wrapper.querySelectorAll(".textRow").forEach(function (row) {
        var inputs = row.querySelectorAll("input");
        if (inputs[0]) { setAttr(inputs[0], "aria-label", S.settingName); }
        if (inputs[1]) { setAttr(inputs[1], "aria-label", S.settingValue); }
        var remove = row.querySelector(".removeButton");
        if (remove) { setAttr(remove, "aria-label", S.settingRemove); }
      });
    });
    // the results scroll inside their box; a keyboard user can scroll them once focused
    root.querySelectorAll(".yasr_results").forEach(function (el) {
      setAttr(el, "tabindex", "0");
      setAttr(el, "role", "region");
      setAttr(el, "aria-label", S.resultsRegion);
    });
    root.querySelectorAll(".yasr .CodeMirror textarea").forEach(function (el) { setAttr(el, "aria-label", S.responseText); });
    root.querySelectorAll(".yasr .CodeMirror-scroll").forEach(function (el) {
      setAttr(el, "tabindex", "0");
      setAttr(el, "role", "group");
      setAttr(el, "aria-label", S.responseText);
    });
    root.querySelectorAll(".yasqe .CodeMirror-scroll").forEach(function (el) {
      // the editor's scroller: after the text area in the tab order, so a long query can be
      // scrolled with the arrow keys without moving the cursor
      setAttr(el, "tabindex", "0");
      setAttr(el, "role", "group");
      setAttr(el, "aria-label", S.editorScroll);
    });
  }

  var fixing = false;
  var observer = new MutationObserver(function () {
    if (fixing) { return; }
    fixing = true;
    try { fixControls(); } finally { fixing = false; }
    observer.takeRecords();  // our own changes need no second pass
  });
  fixControls();
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["title", "aria-label", "class"] });

  yasgui.on("queryBefore", function () { showMessage(""); clearErrorMark(); });
  // YASGUI announces the response before it hands it to YASR: read the results a moment later.
  yasgui.on("queryResponse", function (instance, tab) {
    setTimeout(function () { reportResults(tab); }, 0);
  });
  function reportResults(tab) {
    var results = tab.getYasr().results;
    if (!results) { return; }
    var error = results.getError && results.getError();
    if (error) {
      var detail = parseError(error);
      showMessage(errorText(detail), true, detail);
      markError(detail);
      return;
    }
    var bindings = results.getBindings && results.getBindings();
    var hasBoolean = results.getBoolean && results.getBoolean() !== undefined;
    if (!hasBoolean && (!bindings || bindings.length === 0)) { showMessage(strings.empty, false); }
  }

  // --- the query in the address bar (survives a reload; YASGUI also keeps it in local storage) ----
  var MAX_URL_QUERY = 6000;
  function currentUrl(query) {
    var params = new URLSearchParams(window.location.search);
    params.delete("query");
    if (query && encodeURIComponent(query).length <= MAX_URL_QUERY) { params.set("query", query); }
    var search = params.toString();
    return config.workbench + (search ? "?" + search : "");
  }
  // YASGUI stores the query only when the editor loses the focus or the query runs; a reload right
  // after typing would lose it. Store it (and so update the address) shortly after every edit.
  function keepEdits(tab) {
    var yasqe = tab && tab.getYasqe && tab.getYasqe();
    if (!yasqe || yasqe.__bochumKeepEdits) { return; }
    yasqe.__bochumKeepEdits = true;
    var timer = null;
    yasqe.on("change", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (tab.handleYasqeBlur) { tab.handleYasqeBlur(yasqe); } }, 300);
    });
  }
  keepEdits(yasgui.getTab());
  yasgui.on("tabSelect", function () { setTimeout(function () { keepEdits(yasgui.getTab()); }, 0); });
  yasgui.on("tabAdd", function () { setTimeout(function () { keepEdits(yasgui.getTab()); }, 0); });

  var urlTimer = null;
  yasgui.on("tabChange", function (instance, tab) {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      var active = yasgui.getTab();
      if (active && active === tab) { history.replaceState(null, "", currentUrl(tab.getQuery())); }
    }, 400);
  });
  yasgui.on("tabSelect", function () {
    setTimeout(function () { var tab = yasgui.getTab(); if (tab) { history.replaceState(null, "", currentUrl(tab.getQuery())); } }, 0);
  });

  // --- examples --------------------------------------------------------------------------------
  var byName = {};
  examples.forEach(function (ex) { byName[ex.name] = ex; });
  var cataloguePromise = null;
  function catalogue() {
    if (!cataloguePromise) {
      cataloguePromise = fetch(root.dataset.catalogue, { headers: { Accept: "application/json" } })
        .then(function (response) { if (!response.ok) { throw new Error(response.status + " " + response.statusText); } return response.json(); })
        .then(function (body) {
          var out = {};
          body.queries.forEach(function (q) { out[q.name] = q; });
          return out;
        });
      cataloguePromise.catch(function () { cataloguePromise = null; });
    }
    return cataloguePromise;
  }

  var catalogueData = null;  // once loaded, an example goes into the editor at once (no waiting on a click)

  function putIntoEditor(ex, text) {
    var tab = yasgui.getTab();
    tab.setQuery(text);
    tab.setName(ex.name);
    clearErrorMark();
    tab.getYasqe().focus();
    root.scrollIntoView({ block: "start" });
    return text;
  }

  function loadExample(name) {
    var ex = byName[name];
    if (catalogueData) {
      return Promise.resolve(putIntoEditor(ex, window.BochumQueryText.prepare(ex.text, catalogueData[name], ex.params, S)));
    }
    return catalogue().then(function (queries) {
      return window.BochumQueryText.prepare(ex.text, queries[name], ex.params, S);
    }, function (err) {
      showMessage(S.catalogueFailed + ": " + err.message, true);
      return ex.text;
    }).then(function (text) { return putIntoEditor(ex, text); });
  }

  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      showMessage("");
      loadExample(button.dataset.example);
    });
  });

  // --- permalink -------------------------------------------------------------------------------
  var permalinkButton = document.querySelector("[data-role=permalink]");
  var permalinkLink = document.querySelector("[data-role=permalink-link]");
  var permalinkStatus = document.querySelector("[data-role=permalink-status]");
  permalinkButton.addEventListener("click", function () {
    var params = new URLSearchParams(window.location.search);
    params.set("query", yasgui.getTab().getQuery());
    var url = config.workbench + "?" + params.toString();
    history.replaceState(null, "", url);
    permalinkLink.href = url;
    permalinkLink.textContent = window.location.href;
    permalinkLink.hidden = false;
    permalinkStatus.textContent = strings.permalink_copied;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(window.location.href).catch(function () {});
    }
  });

  window.bochumWorkbench = { yasgui: yasgui, loadExample: loadExample };
  // ready once the parameters of the examples are known (or could not be had)
  catalogue().then(function (queries) { catalogueData = queries; }, function () {})
    .then(function () { root.dataset.ready = "true"; });
})();
