/* sphinx_mentoring theme, search page only: each result names its module and shows
   the page's opening sentences (from the search index), so six "Check-in" results
   are told apart, and a site opened from a folder (file://, where the browser may
   not fetch pages for Sphinx's own snippets) still shows a snippet. */
(function () {
  "use strict";
  var offline = window.location.protocol === "file:";
  if (offline && window.DOCUMENTATION_OPTIONS) DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;

  function entries() {
    var index = window.Search && Search._index;
    var extra = index && index.mentoring;
    if (!extra) return null;
    var byName = {};
    index.docnames.forEach(function (name, n) { byName[name] = n; });
    return { extra: extra, byName: byName };
  }

  function nameOf(link) {
    /* The script links a result as its name + ".html" (dirhtml: a folder). */
    var href = decodeURIComponent((link.getAttribute("href") || "").split("#")[0]);
    if (/\.html$/.test(href)) return href.slice(0, -5);
    return href.replace(/\/$/, "/index") || "index";
  }

  function annotate(item, data) {
    if (item.getAttribute("data-mentoring-done")) return;
    var link = item.querySelector("a");
    if (!link) return;
    item.setAttribute("data-mentoring-done", "1");
    var n = data.byName[nameOf(link)];
    if (n === undefined) return;
    var module = data.extra.module[n];
    if (module >= 0) {
      var label = document.createElement("span");
      label.className = "mentoring-search-module";
      label.textContent = data.extra.modules[module];
      item.insertBefore(label, link);
    }
    var summary = data.extra.summaries[n];
    if (summary && (offline || !DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY)) {
      var text = document.createElement("p");
      text.className = "context";
      text.textContent = summary;
      item.appendChild(text);
    }
  }

  function watch() {
    var results = document.getElementById("search-results");
    if (!results || !window.MutationObserver) return;
    new MutationObserver(function () {
      var data = entries();
      if (!data) return;
      Array.prototype.forEach.call(results.querySelectorAll("li"), function (item) {
        annotate(item, data);
      });
    }).observe(results, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
