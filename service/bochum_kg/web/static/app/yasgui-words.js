/* YASGUI's own words in the page language, and labels and ARIA on its controls.
 *
 * @zazuko/yasgui has no translations: its words are English and written into the DOM as it draws.
 * window.BochumYasguiWords.words is the workbench's table of words (German and English, picked by
 * <html lang>); .watch(root, yasgui, strings) puts them, and the labels YASGUI leaves out (endpoint
 * field, page-size select, the settings behind the gear, the editor's scroller), on its controls
 * every time YASGUI redraws them. The tab list is left with tabs only (the "add tab" button moves
 * next to it), so that it is a proper ARIA tablist.
 */
(function () {
  "use strict";
  var Site = window.BochumSite;

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

  // --- YASGUI's controls: labels and words in the page language, ARIA that fits ---------------------
  // YASGUI draws its controls anew on every result and tab switch; this puts our words and labels
  // on them each time (only where they differ, so the observer settles at once).
  function setAttr(el, name, value) { if (el && el.getAttribute(name) !== value) { el.setAttribute(name, value); } }
  function setText(el, value) { if (el && el.textContent !== value) { el.textContent = value; } }

  function pluginName(key, strings) {
    return { table: S.table, response: S.response, chart: strings.chart, graph: strings.graph, boolean: S.table }[key] || key;
  }

  function fixControls(root, yasgui, strings) {
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
      var name = pluginName(key, strings);
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

  // Keep YASGUI's controls in our words and labels from now on; returns the observer.
  function watch(root, yasgui, strings) {
    var fixing = false;
    var observer = new MutationObserver(function () {
      if (fixing) { return; }
      fixing = true;
      try { fixControls(root, yasgui, strings); } finally { fixing = false; }
      observer.takeRecords();  // our own changes need no second pass
    });
    fixControls(root, yasgui, strings);
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["title", "aria-label", "class"] });
    return observer;
  }

  window.BochumYasguiWords = { words: S, fill: fill, watch: watch };
})();
