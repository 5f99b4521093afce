/* sphinx_mentoring theme, search page only: each result names its module and shows
   the page's opening sentences (from the search index), so six "Check-in" results
   are told apart, and a site opened from a folder (file://, where the browser may
   not fetch pages for Sphinx's own snippets) still shows a snippet. */
(function () {
  "use strict";
  if (typeof Search === "undefined" || typeof DOCUMENTATION_OPTIONS === "undefined") return;
  var offline = window.location.protocol === "file:";
  if (offline) DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;

  /* Snippets come from the page's text, not from its navigation around it. */
  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    var body = page.querySelector(".mentoring-body");
    if (!body) return htmlToText(htmlString, anchor);
    body.querySelectorAll(".headerlink, script, style").forEach(function (el) { el.remove(); });
    var part = anchor ? body.querySelector('[id="' + anchor.slice(1).replace(/"/g, "") + '"]') : null;
    return (part || body).textContent;
  };

  function entries() {
    var index = Search._index;
    if (!index || !index.mentoring) return null;
    var byName = {};
    index.docnames.forEach(function (name, n) { byName[name] = n; });
    return { extra: index.mentoring, byName: byName };
  }

  function nameOf(link) {
    /* The search script links a result as its name + ".html" (dirhtml: a folder). */
    var href = decodeURIComponent((link.getAttribute("href") || "").split("#")[0]);
    if (/\.html$/.test(href)) return href.slice(0, -5);
    return href.replace(/\/$/, "/index") || "index";
  }

  function annotate(item, data) {
    var link = item.querySelector("a");
    if (!link || item.getAttribute("data-mentoring-annotated")) return;
    item.setAttribute("data-mentoring-annotated", "1");
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
    if (summary && !DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY) {
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
      if (data) results.querySelectorAll("li").forEach(function (item) { annotate(item, data); });
    }).observe(results, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
