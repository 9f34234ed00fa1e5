/* Shared by every page (loaded in <head>, before the body is parsed):
 *
 * - marks <html class="js"> so the stylesheet may collapse the header navigation on narrow screens
 *   (without JavaScript the navigation simply stays open);
 * - the menu button of that navigation (aria-expanded, Escape closes it);
 * - window.BochumSite: the page language (<html lang>), the same link rule for our IRIs as the
 *   HTML pages ({base}kind/slug -> /kind/slug on this server, carrying an explicit ?lang= on),
 *   and the pick of a string table by page language for the scripts of the views.
 */
(function () {
  "use strict";
  var html = document.documentElement;
  html.classList.add("js");

  function lang() {
    return html.lang === "en" ? "en" : "de";
  }

  // A local URL with the page's explicit ?lang= (the rule of url_with_lang on the server).
  function withLang(url) {
    var code = html.getAttribute("data-lang-param");
    if (!code) { return url; }
    var hash = "";
    var at = url.indexOf("#");
    if (at >= 0) { hash = url.slice(at); url = url.slice(0, at); }
    if (/[?&]lang=/.test(url)) { return url + hash; }
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "lang=" + code + hash;
  }

  // The page of one of our IRIs on this server, or null for an IRI outside the base.
  function localHref(iri) {
    var base = html.getAttribute("data-base-iri");
    if (!base || typeof iri !== "string" || iri.indexOf(base) !== 0 || iri.length <= base.length) { return null; }
    return withLang((html.getAttribute("data-script-root") || "") + "/" + iri.slice(base.length));
  }

  // strings({de: {...}, en: {...}}) -> the table of the page language
  function strings(tables) {
    return tables[lang()] || tables.de;
  }

  function initMenu() {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".nav-toggle");
    if (!button) { return; }
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initMenu);
  } else {
    initMenu();
  }

  window.BochumSite = { lang: lang, withLang: withLang, localHref: localHref, strings: strings };
})();
