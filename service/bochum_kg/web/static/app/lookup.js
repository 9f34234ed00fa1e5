/* Suggestions for the resource fields of the views: as the user types, /api/lookup fills the
 * field's <datalist> with prefixed names and labels (the server accepts either). */
(function () {
  "use strict";
  document.querySelectorAll("input[data-lookup]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var lang = document.documentElement.lang || "de";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || /^https?:/.test(text)) { return; }
      timer = setTimeout(function () {
        var url = input.dataset.lookup + "?" + new URLSearchParams({ q: text, lang: lang }).toString();
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (found) {
            list.replaceChildren();
            found.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.name;
              option.label = item.label + " (" + item.class_label + ")";
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, 200);
    });
  });
})();
