// Reads out the message of a field the server has just checked (includes/field.html, core.forms.ChecksInline). The
// field's block is swapped whole, and a live region that arrives with new content stays silent, so the message is
// copied into one that is in the page from the start. A field that is now right clears it.
// A check goes where its form goes: a form drawn on one page and sent to another (a diagnosis's "add an item" form
// is sent to the item's own page) is checked by the view that saves it, which answers with the same field.
(function () {
  "use strict";
  var region = null;
  document.addEventListener("htmx:configRequest", function (event) {
    var field = event.detail.elt;
    if (!field.matches || !field.matches("[hx-vals*='_check']")) { return; }
    var form = field.closest("form");
    if (form && form.getAttribute("action")) { event.detail.path = form.getAttribute("action"); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    region = document.createElement("div");
    region.className = "field-announcer visually-hidden";
    region.setAttribute("aria-live", "polite");
    document.body.appendChild(region);
  });
  document.addEventListener("htmx:load", function (event) {
    var field = event.detail.elt;
    if (!region || !field.matches || !field.matches("[hx-vals*='_check']")) { return; }
    var label = field.querySelector("label");
    var errors = field.querySelector(".errorlist");
    region.textContent = errors ? ((label ? label.textContent.trim() + ": " : "") + errors.textContent.trim()) : "";
  });
})();
