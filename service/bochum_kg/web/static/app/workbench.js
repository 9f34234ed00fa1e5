/* The SPARQL workbench: YASGUI (@zazuko/yasgui, served from /static/vendor) configured for this graph.
 *
 * - endpoint: our /sparql (POST, as an absolute URL: YASGUI builds URL objects from it), no
 *   endpoint catalogue or outside services;
 * - autocompletion of the graph's prefixes, classes and properties from /api/terms (the stock
 *   completers that ask lov.linkeddata.es are switched off: nothing leaves this server);
 * - the named queries as examples, loaded with every parameter bound in a visible VALUES line
 *   (query-text.js; parameter types and defaults from the /api/ catalogue), their summary in the
 *   page's language (the server binds lang to it too);
 * - result views (workbench-views.js): table (IRIs of this dataset link to their pages here, other
 *   IRIs open in a new tab), chart, network (the shared graph view) and the raw response;
 * - an error of the endpoint (400 with message, line and column) is shown next to the editor, and
 *   the place is marked in the editor;
 * - YASGUI's own words in the page language and labelled controls (yasgui-words.js);
 * - the query kept in the address bar and in YASGUI's local storage, so it survives a reload; a permalink.
 */
(function () {
  "use strict";
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

  var S = window.BochumYasguiWords.words;
  var fill = window.BochumYasguiWords.fill;

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

  window.BochumWorkbenchViews.register({ prefixes: config.prefixes, strings: strings, termLabel: termLabel });

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

  window.BochumYasguiWords.watch(root, yasgui, strings);


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

  // The catalogue entry with the summary in the page's language, for the editor's first comment line.
  function inPageLanguage(query, ex) {
    if (!query) { return query; }
    var copy = {};
    Object.keys(query).forEach(function (key) { copy[key] = query[key]; });
    copy.summary = ex.summary;
    return copy;
  }

  function loadExample(name) {
    var ex = byName[name];
    if (catalogueData) {
      return Promise.resolve(putIntoEditor(ex, window.BochumQueryText.prepare(ex.text, inPageLanguage(catalogueData[name], ex), ex.params, S)));
    }
    return catalogue().then(function (queries) {
      return window.BochumQueryText.prepare(ex.text, inPageLanguage(queries[name], ex), ex.params, S);
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
