// Keeps "123 of 20,000 characters" under a text area current while the person types (the server renders the
// first figure, so the counter reads right without script). Numbers follow the page's language.
(function () {
  "use strict";
  function update(counter, area) {
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var count = area.value.length;
    var limit = Number(counter.dataset.limit);
    counter.textContent = counter.dataset.template
      .replace("__COUNT__", format.format(count))
      .replace("__LIMIT__", format.format(limit));
    counter.classList.toggle("over", count > limit);
  }
  function start(root) {
    root.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var area = document.getElementById(counter.dataset.counterFor);
      if (!area || area.dataset.counted) { return; }
      area.dataset.counted = "1";
      area.setAttribute("aria-describedby", ((area.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
      area.addEventListener("input", function () { update(counter, area); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { start(document); });
  // htmx:load fires on what htmx just put in the page (a progress block, a field an inline check swapped whole).
  document.addEventListener("htmx:load", function (event) { start(event.detail.elt); });
})();
