/* sphinx_mentoring theme: dark-mode toggle, print helpers, progress tracking.
   Everything is stored in this browser's localStorage; nothing is sent anywhere. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, body = doc.body;

  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function set(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function all(selector) { return Array.prototype.slice.call(doc.querySelectorAll(selector)); }

  /* Dark mode: follows the system until the reader chooses; the choice is remembered. */
  var toggle = doc.querySelector(".mentoring-theme-toggle");
  var systemDark = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : { matches: false };
  function isDark() { var t = root.dataset.theme; return t ? t === "dark" : systemDark.matches; }
  function showTheme() { if (toggle) toggle.setAttribute("aria-pressed", String(isDark())); }
  if (toggle) {
    toggle.hidden = false;
    showTheme();
    toggle.addEventListener("click", function () {
      var theme = isDark() ? "light" : "dark";
      root.dataset.theme = theme;
      set("mentoring-theme", theme);
      showTheme();
    });
    if (systemDark.addEventListener) systemDark.addEventListener("change", showTheme);
  }

  /* Print: open every <details> so its text is on paper, then restore. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    all("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  /* Progress: {docname: moduleId} per course, in localStorage only. */
  if (body.getAttribute("data-mentoring-progress") !== "on") return;
  var key = "mentoring-progress:" + body.getAttribute("data-mentoring-course");
  var page = body.getAttribute("data-mentoring-page");
  var module = body.getAttribute("data-mentoring-module") || "";
  var nav = doc.getElementById("mentoring-sidebar");
  var doneLabel = (nav && nav.getAttribute("data-done-label")) || "done";
  var button = doc.querySelector(".mentoring-done-button");
  var reset = doc.querySelector(".mentoring-progress-reset");
  var done;
  try { done = JSON.parse(get(key) || "{}") || {}; } catch (e) { done = {}; }
  function has(name) { return Object.prototype.hasOwnProperty.call(done, name); }

  function render() {
    all("[data-mentoring-doc]").forEach(function (link) {
      var on = has(link.getAttribute("data-mentoring-doc"));
      var mark = link.querySelector(".mentoring-done-mark");
      link.classList.toggle("is-done", on);
      if (on && !mark) {
        mark = doc.createElement("span");
        mark.className = "mentoring-done-mark";
        mark.textContent = " (" + doneLabel + ")";
        link.appendChild(mark);
      } else if (!on && mark) {
        link.removeChild(mark);
      }
    });
    all("[data-mentoring-total]").forEach(function (el) {
      var id = el.getAttribute("data-mentoring-module"), count = 0, name;
      for (name in done) if (has(name) && done[name] === id) count++;
      var total = el.getAttribute("data-mentoring-total");
      el.textContent = el.getAttribute("data-template").replace("%(done)s", count).replace("%(total)s", total);
      el.classList.toggle("is-complete", total > 0 && count >= total);
      el.hidden = false;
    });
    if (button) {
      var on = has(page);
      button.setAttribute("aria-pressed", String(on));
      button.textContent = button.getAttribute(on ? "data-label-done" : "data-label-todo");
      button.parentNode.hidden = false;
    }
    if (reset) reset.hidden = false;
  }

  function save() {
    var names = Object.keys(done);
    set(key, names.length ? JSON.stringify(done) : null);
    render();
  }

  if (button) {
    button.addEventListener("click", function () {
      if (has(page)) delete done[page]; else done[page] = module;
      save();
    });
  }
  if (reset) {
    reset.addEventListener("click", function () {
      if (window.confirm(reset.getAttribute("data-confirm"))) { done = {}; save(); }
    });
  }
  /* Another tab marked a section: show it here too. */
  window.addEventListener("storage", function (event) {
    if (event.key !== key) return;
    try { done = JSON.parse(event.newValue || "{}") || {}; } catch (e) { done = {}; }
    render();
  });
  render();
})();
