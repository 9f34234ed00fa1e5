/* The text of a named query as the workbench loads it: parameters bound in a visible VALUES line.
 *
 * window.BochumQueryText.prepare(text, query, params, strings) takes a named query's text (as the
 * server gives it: the raw .rq text, or with the example's parameters already written in as
 * " VALUES (…) { (…) } " at the start of the outermost WHERE group), the query's catalogue entry
 * from /api/ (parameters with type, default, enum) and the example's parameters, and returns the
 * text with
 *   - the "#+" YAML header replaced by two comment lines (name, summary; how to change a value);
 *   - every parameter that has a value (the example's, else the declared default) bound in ONE
 *     "VALUES (?a ?b) { (… …) }" line of its own at the start of the outermost WHERE group,
 *     exactly where the server binds them for the API (named_queries.inline_bindings), so the
 *     editor runs the same query the API runs, and the reader sees and can change every value.
 *
 * The server binds defaults only for examples that have parameters; when it did not, the terms
 * are written here with the same rules as named_queries.convert_value (iri, string, lang-string,
 * integer, date, enum). A small SPARQL scanner finds the WHERE group: strings, IRIs and comments
 * are skipped, so a brace inside them is never taken for the group.
 */
(function () {
  "use strict";
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var IRI = /^<[^<>"{}|^`\\\u0000-\u0020]*>/;
  var IRI_VALUE = /^[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^`\\\u0000-\u0020]*$/;

  // Tokens that matter for finding groups: { } ( ) and words, with their offsets.
  function tokens(text) {
    var out = [];
    var i = 0;
    var n = text.length;
    while (i < n) {
      var c = text[i];
      if (/\s/.test(c)) { i += 1; continue; }
      if (c === "#") { while (i < n && text[i] !== "\n") { i += 1; } continue; }
      if (c === "<") {
        var m = IRI.exec(text.slice(i, i + 4096));
        if (m) { out.push({ kind: "iri", start: i, end: i + m[0].length }); i += m[0].length; continue; }
        out.push({ kind: "op", start: i, end: i + 1 }); i += 1; continue;
      }
      if (c === "\"" || c === "'") {
        var long = text.substr(i, 3) === c + c + c;
        var quote = long ? c + c + c : c;
        var j = i + quote.length;
        while (j < n && text.substr(j, quote.length) !== quote) { j += text[j] === "\\" ? 2 : 1; }
        out.push({ kind: "string", start: i, end: Math.min(n, j + quote.length) });
        i = j + quote.length;
        continue;
      }
      if ("{}()".indexOf(c) >= 0) { out.push({ kind: c, start: i, end: i + 1 }); i += 1; continue; }
      var w = /^[A-Za-z_][A-Za-z0-9_\-]*/.exec(text.slice(i, i + 200));
      if (w) { out.push({ kind: "word", start: i, end: i + w[0].length, word: w[0].toUpperCase() }); i += w[0].length; continue; }
      out.push({ kind: "op", start: i, end: i + 1 });
      i += 1;
    }
    return out;
  }

  // Top-level words and { … } groups, as named_queries._top_level.
  function topLevel(toks) {
    var items = [];
    var braces = 0;
    var parens = 0;
    var openAt = null;
    toks.forEach(function (t) {
      if (t.kind === "(") { parens += 1; } else if (t.kind === ")") { parens -= 1; } else if (t.kind === "{") {
        if (braces === 0 && parens === 0) { openAt = t.start; }
        braces += 1;
      } else if (t.kind === "}") {
        braces -= 1;
        if (braces === 0 && openAt !== null) { items.push({ kind: "group", open: openAt, close: t.start }); openAt = null; }
      } else if (braces === 0 && parens === 0 && t.kind === "word") {
        items.push({ kind: "word", word: t.word, start: t.start, end: t.end });
      }
    });
    return items;
  }

  // Offset of the '{' of the outermost WHERE group (null for CONSTRUCT WHERE { … } and when none).
  function whereOpen(text) {
    var items = topLevel(tokens(text));
    var construct = -1;
    items.forEach(function (it, i) { if (construct < 0 && it.kind === "word" && it.word === "CONSTRUCT") { construct = i; } });
    var groups = items.filter(function (it, i) { return it.kind === "group" && i > construct; });
    if (construct >= 0) {
      var next = items[construct + 1];
      if (next && next.kind === "word" && next.word === "WHERE") { return null; }  // short form: leave it to the server
      return groups.length >= 2 ? groups[1].open : null;
    }
    return groups.length ? groups[0].open : null;
  }

  function literal(value) {
    return "\"" + String(value).replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n").replace(/\r/g, "\\r") + "\"";
  }

  // One parameter value as a SPARQL term (named_queries.convert_value); null when it is not valid.
  function term(parameter, raw) {
    var value = String(raw);
    switch (parameter.type) {
      case "iri": return IRI_VALUE.test(value) ? "<" + value + ">" : null;
      case "string": return literal(value);
      case "enum": return (parameter["enum"] || []).indexOf(value) >= 0 ? literal(value) : null;
      case "integer": return /^\s*[+-]?\d+\s*$/.test(value) ? literal(String(parseInt(value, 10))) + "^^<" + XSD + "integer>" : null;
      case "date": return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? literal(value.trim()) + "^^<" + XSD + "date>" : null;
      case "lang-string": {
        var at = value.lastIndexOf("@");
        var tag = value.slice(at + 1);
        return at > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? literal(value.slice(0, at)) + "@" + tag : null;
      }
      default: return null;
    }
  }

  // The end (exclusive) of a " VALUES (…) { (…) } " block starting at `from`, or -1.
  function valuesBlockEnd(text, from) {
    var toks = tokens(text.slice(from));
    if (!toks.length || toks[0].kind !== "word" || toks[0].word !== "VALUES") { return -1; }
    var depth = 0;
    var seenGroup = false;
    for (var k = 1; k < toks.length; k += 1) {
      var t = toks[k];
      if (t.kind === "{") { depth += 1; seenGroup = true; } else if (t.kind === "}") {
        depth -= 1;
        if (depth === 0 && seenGroup) { return from + t.end; }
      }
    }
    return -1;
  }

  function stripHeader(text) {
    var lines = text.split("\n");
    var k = 0;
    while (k < lines.length && /^#\+/.test(lines[k])) { k += 1; }
    return lines.slice(k).join("\n").replace(/^\n+/, "");
  }

  function comments(query, strings, bound) {
    var out = ["# " + query.name + (query.summary ? " – " + query.summary : "")];
    if (bound.length) {
      out.push("# " + strings.paramsHint + " " + bound.map(function (p) {
        return "?" + p.name + (p["enum"] ? " (" + p["enum"].join(" | ") + ")" : " (" + p.type + ")");
      }).join(", "));
    }
    return out.join("\n") + "\n";
  }

  function prepare(text, query, params, strings) {
    var body = stripHeader(text);
    var parameters = (query && query.parameters) || [];
    var open = whereOpen(body);
    if (open === null || !parameters.length) {
      return query ? comments(query, strings, []) + body : body;
    }
    var existingEnd = valuesBlockEnd(body, open + 1);
    var line;
    var bound = [];
    if (existingEnd >= 0) {
      // the server wrote the example's parameters in: keep its terms, give them a line of their own
      line = body.slice(open + 1, existingEnd).trim();
      var names = /VALUES\s*\(([^)]*)\)/i.exec(line);
      var vars = names ? names[1].trim().split(/\s+/) : [];
      bound = parameters.filter(function (p) { return vars.indexOf("?" + p.name) >= 0; });
      body = body.slice(0, open + 1) + body.slice(existingEnd).replace(/^ /, "");
    } else {
      var terms = [];
      parameters.forEach(function (p) {
        var raw = params && Object.prototype.hasOwnProperty.call(params, p.name) ? params[p.name] : p["default"];
        if (raw === null || raw === undefined) { return; }
        var t = term(p, raw);
        if (t === null) { return; }
        bound.push(p);
        terms.push(t);
      });
      if (!bound.length) { return comments(query, strings, []) + body; }
      line = "VALUES (" + bound.map(function (p) { return "?" + p.name; }).join(" ") + ") { (" + terms.join(" ") + ") }";
    }
    var rest = body.slice(open + 1);
    var indent = (/\n([ \t]+)\S/.exec(rest) || [null, "  "])[1];
    body = body.slice(0, open + 1) + "\n" + indent + line + (rest.charAt(0) === "\n" ? "" : "\n" + indent) + rest;
    return comments(query, strings, bound) + body;
  }

  window.BochumQueryText = { prepare: prepare, whereOpen: whereOpen, term: term };
})();
