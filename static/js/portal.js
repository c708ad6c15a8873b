// The portal's small behaviours, driven by data attributes (no inline script: the
// Content-Security-Policy forbids it).
//   <form data-confirm="Delete?">     asks before submitting
//   <select data-autosubmit>          submits its form when changed
//   <button data-tree-toggle hx-get>  turns into "open" once its children have loaded
//   <button data-tick="all|none" data-tick-target="#box">  ticks or clears the checkboxes
//   <div data-width="42">             sets its width to 42 % (progress bars)
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.hasAttribute || !field.hasAttribute("data-autosubmit") || !field.form) return;
    if (field.form.requestSubmit) field.form.requestSubmit();
    else field.form.submit();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-tick]");
    if (!button) return;
    var tick = button.getAttribute("data-tick") === "all";
    var scope = document.querySelector(button.getAttribute("data-tick-target") || "body");
    if (!scope) return;
    scope.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = tick; });
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.hasAttribute("data-tree-toggle") || !event.detail.successful) return;
    elt.disabled = true;
    elt.textContent = "▾";
    elt.setAttribute("aria-expanded", "true");
  });

  function widths(root) {
    (root || document).querySelectorAll("[data-width]").forEach(function (bar) {
      var value = parseFloat(bar.getAttribute("data-width"));
      if (!isNaN(value)) bar.style.width = Math.max(0, Math.min(100, value)) + "%";
    });
  }
  document.addEventListener("htmx:load", function (event) { widths(event.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { widths(); });
  else widths();
})();
