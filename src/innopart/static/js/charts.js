// Draws the observatory's charts again in the browser from the very spec the server drew them from, with the
// vendored Vega (static/vendor/vega, built by assets/vega/build.sh): a tooltip on every bar, point and region, a
// pointer over what can be clicked, a click opening the region's profile. The strict CSP holds: the bundle is our
// own file, and Vega evaluates its expressions with its interpreter instead of `new Function`.
// The server's static SVG stays in place until the live chart is ready, and stays for good if anything fails.
(function () {
  "use strict";
  var me = document.currentScript;
  // Tells a reader of the page (the browser tests) that charts here are being drawn: each ends .is-live or .is-static.
  document.documentElement.dataset.charts = "script";

  // The specs describe each mark for the static SVG's hover titles (the `description` channel); the same words
  // serve as the live chart's tooltip.
  function withTooltips(node) {
    if (Array.isArray(node)) { node.forEach(withTooltips); return; }
    if (!node || typeof node !== "object") { return; }
    if (node.encoding && node.encoding.description && !node.encoding.tooltip) {
      node.encoding.tooltip = node.encoding.description;
    }
    Object.keys(node).forEach(function (key) {
      if (key !== "data" && key !== "datasets" && key !== "values") { withTooltips(node[key]); }
    });
  }

  function draw(holder, stored) {
    var spec = stored.spec;
    withTooltips(spec);
    // The chart is one image to assistive technology, as the static one is; its table is the accessible version.
    spec.config = Object.assign({}, spec.config, { aria: false });
    var target = document.createElement("div");
    target.className = "chart-live";
    return window.InnopartVega.embed(target, spec, {
      renderer: "svg",
      actions: false,
      defaultStyle: false,
      ast: true,
      expr: window.InnopartVega.expressionInterpreter,
      formatLocale: stored.locale,
      tooltip: { disableDefaultStyle: true, theme: "innopart" },
      loader: { target: "_self" }
    }).then(function () {
      var svg = target.querySelector("svg");
      if (!svg) { return; }
      // One image with one name, as the static chart is (vega-embed names its box "Vega visualization").
      ["role", "aria-roledescription", "aria-label"].forEach(function (name) { target.removeAttribute(name); });
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", holder.dataset.label || "");
      // Vega gives layered marks a role without a name (axe: svg-img-alt), also when it redraws them; a mark with
      // a name (a region, a bar) keeps both, which its aria-label needs.
      function plain() {
        svg.querySelectorAll("[role]:not([aria-label]), [aria-roledescription]:not([aria-label])").forEach(function (node) {
          node.removeAttribute("role");
          node.removeAttribute("aria-roledescription");
        });
      }
      plain();
      new MutationObserver(plain).observe(svg, { childList: true, subtree: true });
      var still = holder.querySelector(":scope > svg");
      if (still) { holder.replaceChild(target, still); } else { holder.appendChild(target); }
      holder.classList.add("is-live");
    });
  }

  function upgrade(holders) {
    holders.forEach(function (holder) {
      if (holder.dataset.started) { return; }
      holder.dataset.started = "1";
      fetch(holder.dataset.spec, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (answer) { return answer.ok ? answer.json() : Promise.reject(answer.status); })
        .then(function (stored) { return draw(holder, stored); })
        .catch(function () { holder.classList.add("is-static"); });
    });
  }

  // Vega is 1.1 MB: only pages with a chart load it, once.
  var loading = null;
  function withVega() {
    if (window.InnopartVega) { return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = me.dataset.vega;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function start(root) {
    var holders = Array.prototype.slice.call(root.querySelectorAll(".chart-view[data-spec]"));
    if (!holders.length) { return; }
    function keepStatic() { holders.forEach(function (holder) { holder.classList.add("is-static"); }); }
    if (!me || !me.dataset.vega) { keepStatic(); return; }
    withVega().then(function () { upgrade(holders); }, keepStatic);
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSwap", function (event) { start(event.target); });
})();
