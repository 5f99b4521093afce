/* sphinx_mentoring theme: colour theme, phone menu, print helpers, progress tracking.
   Everything is stored in this browser's localStorage; nothing is sent anywhere. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, body = doc.body;

  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function set(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function all(selector, within) { return Array.prototype.slice.call((within || doc).querySelectorAll(selector)); }
  function read(key) { try { return JSON.parse(get(key) || "null"); } catch (e) { return null; } }

  /* Colour theme: follows the system until the reader picks dark or light; the
     button cycles system -> dark -> light -> system and names the current state. */
  var toggle = doc.querySelector(".mentoring-theme-toggle");
  var order = ["system", "dark", "light"];
  function showTheme() {
    var state = root.dataset.theme || "system";
    toggle.setAttribute("data-theme-state", state);
    var label = toggle.getAttribute("data-label-" + state);
    toggle.querySelector(".mentoring-theme-label").textContent = label;
    toggle.title = label;
  }
  if (toggle) {
    toggle.hidden = false;
    showTheme();
    toggle.addEventListener("click", function () {
      var next = order[(order.indexOf(root.dataset.theme || "system") + 1) % order.length];
      if (next === "system") { delete root.dataset.theme; set("mentoring-theme", null); }
      else { root.dataset.theme = next; set("mentoring-theme", next); }
      showTheme();
    });
  }

  /* Phone menu: a real button that says whether the menu is open. */
  var menu = doc.querySelector("button.mentoring-menu-button");
  if (menu) {
    menu.hidden = false;
    menu.addEventListener("click", function () {
      var open = menu.getAttribute("aria-expanded") !== "true";
      menu.setAttribute("aria-expanded", String(open));
      body.classList.toggle("mentoring-menu-open", open);
    });
  }

  /* A block that scrolls sideways (a long line of code, a wide table) can be focused,
     so a keyboard can scroll it too (WCAG 2.1.1); checked again when the width changes. */
  function focusScrolling() {
    all(".mentoring-body pre, .mentoring-body table").forEach(function (block) {
      var scrolls = block.scrollWidth > block.clientWidth;
      if (scrolls && !block.hasAttribute("tabindex")) {
        block.setAttribute("tabindex", "0");
        block.setAttribute("data-mentoring-scrolls", "");
      } else if (!scrolls && block.hasAttribute("data-mentoring-scrolls")) {
        block.removeAttribute("tabindex");
        block.removeAttribute("data-mentoring-scrolls");
      }
    });
  }
  focusScrolling();
  window.addEventListener("resize", focusScrolling);

  /* Print: every <details> open, each outside link numbered with its address in
     a list at the end (no long address in the text), this page's address in the
     page footer; all undone afterwards. */
  var printed = [];
  window.addEventListener("beforeprint", function () {
    all("details:not([open])").forEach(function (d) { d.open = true; printed.push(function () { d.open = false; }); });
    var article = doc.querySelector(".mentoring-body");
    if (!article) return;
    var numbers = {}, list = doc.createElement("ol");
    all('a[href^="http"]', article).forEach(function (link) {
      var href = link.href, text = link.textContent.trim();
      if (/^(https?:\/\/|www\.)\S+$/.test(text)) {
        if (text.length <= 60) return;  /* the address is the text, short enough */
        /* A long address as the link's text: shortened here, whole in the note. */
        var words = text.replace(/^https?:\/\//, "").split("/").filter(Boolean);
        var kept = Array.prototype.slice.call(link.childNodes);
        link.textContent = words[0] + "/\u2026/" + words[words.length - 1].slice(0, 30);
        printed.push(function () { link.textContent = ""; kept.forEach(function (n) { link.appendChild(n); }); });
      }
      if (!numbers[href]) {
        numbers[href] = list.children.length + 1;
        var item = doc.createElement("li");
        item.textContent = href;
        list.appendChild(item);
      }
      var mark = doc.createElement("sup");
      mark.className = "mentoring-print-note";
      mark.textContent = numbers[href];
      link.after(mark);
      printed.push(function () { mark.remove(); });
    });
    if (list.children.length) {
      var notes = doc.createElement("section");
      notes.className = "mentoring-print-links";
      var title = doc.createElement("h2");
      title.textContent = article.getAttribute("data-links-title") || "Links";
      notes.appendChild(title);
      notes.appendChild(list);
      article.appendChild(notes);
      printed.push(function () { notes.remove(); });
    }
    var style = doc.createElement("style");
    style.textContent = "@page{@bottom-left{content:" + JSON.stringify(location.href.split("#")[0]) + "}}";
    doc.head.appendChild(style);
    printed.push(function () { style.remove(); });
  });
  window.addEventListener("afterprint", function () {
    printed.forEach(function (undo) { undo(); });
    printed = [];
  });

  /* Words searched for: Sphinx's highlighter, loaded only when a search led here. */
  var highlight = (root.getAttribute("data-mentoring-highlight") || "").split(" ").filter(Boolean);
  if (highlight.length && (/[?&]highlight=/.test(location.search) || get("sphinx_highlight_terms"))) {
    (function next() {
      var script = doc.createElement("script");
      script.src = highlight.shift();
      if (highlight.length) script.onload = next;
      doc.head.appendChild(script);
    })();
  }

  /* Progress: {docname: moduleId} per course, in localStorage only. */
  if (body.getAttribute("data-mentoring-progress") !== "on") return;
  var course = body.getAttribute("data-mentoring-course");
  var key = "mentoring-progress:" + course, lastKey = "mentoring-last:" + course;
  var page = body.getAttribute("data-mentoring-page");
  var module = body.getAttribute("data-mentoring-module") || "";
  var kind = body.getAttribute("data-mentoring-kind");
  var nav = doc.getElementById("mentoring-sidebar");
  var doneLabel = (nav && nav.getAttribute("data-done-label")) || "done";
  var button = doc.querySelector(".mentoring-done-button");
  var done = read(key) || {};
  function has(name) { return Object.prototype.hasOwnProperty.call(done, name); }
  function count(id) { var n = 0, name; for (name in done) if (has(name) && done[name] === id) n++; return n; }
  function complete(id, total) { return total > 0 && count(id) >= total; }
  function fill(el, values) {
    var text = el.getAttribute("data-template"), name;
    for (name in values) text = text.replace("%(" + name + ")s", values[name]);
    el.textContent = text;
  }

  /* Where the reader was: the page's address from the site's root, and its title. */
  var siteRoot = new URL(root.getAttribute("data-content_root") || "./", location.href).href;
  if (kind === "section" || kind === "module") {
    var here = location.href.split("#")[0].split("?")[0];
    if (here.indexOf(siteRoot) === 0) {
      set(lastKey, JSON.stringify({ path: here.slice(siteRoot.length), title: doc.title.split(" \u2014 ")[0] }));
    }
  }

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
    all(".mentoring-module-progress[data-mentoring-total]").forEach(function (el) {
      var id = el.getAttribute("data-mentoring-module"), total = +el.getAttribute("data-mentoring-total");
      fill(el, { done: count(id), total: total });
      el.classList.toggle("is-complete", complete(id, total));
      el.hidden = false;
    });
    all(".mentoring-module-complete").forEach(function (el) {
      el.hidden = !complete(el.getAttribute("data-mentoring-module"), +el.getAttribute("data-mentoring-total"));
    });
    all("[data-mentoring-module].mentoring-card").forEach(function (card) {
      var progress = card.querySelector("[data-mentoring-total]");
      card.classList.toggle("is-complete", !!progress && complete(card.getAttribute("data-mentoring-module"), +progress.getAttribute("data-mentoring-total")));
    });
    /* The module landing: "Start" becomes "Continue" at the first section not done. */
    var start = doc.querySelector(".mentoring-module-start");
    if (start) {
      var links = all(".mentoring-section-list a[data-mentoring-doc]");
      var next = links.filter(function (a) { return !has(a.getAttribute("data-mentoring-doc")); })[0];
      if (!start.getAttribute("data-label-start")) start.setAttribute("data-label-start", start.textContent);
      var started = links.some(function (a) { return has(a.getAttribute("data-mentoring-doc")); });
      start.textContent = start.getAttribute(started && next ? "data-label-continue" : "data-label-start");
      start.setAttribute("href", (started && next ? next : links[0]).getAttribute("href"));
      start.hidden = started && !next;
    }
    all(".mentoring-module-reset").forEach(function (reset) { reset.hidden = !count(reset.getAttribute("data-mentoring-module")); });
    /* The course landing: modules done, complete, and where to continue. */
    var cards = all(".mentoring-card");
    var courseProgress = doc.querySelector(".mentoring-course-progress");
    if (courseProgress && cards.length) {
      var finished = cards.filter(function (card) { return card.classList.contains("is-complete"); }).length;
      fill(courseProgress, { done: finished, total: cards.length });
      courseProgress.hidden = false;
      var end = doc.querySelector(".mentoring-course-complete");
      if (end) end.hidden = finished < cards.length;
    }
    var resume = doc.querySelector(".mentoring-course-start");
    var last = read(lastKey);
    if (resume && last && last.path) {
      resume.textContent = resume.getAttribute("data-label-continue");
      resume.setAttribute("href", siteRoot + last.path);
      var where = doc.querySelector(".mentoring-course-resume");
      if (where) { where.textContent = last.title || ""; where.hidden = !last.title; }
    }
    if (button) {
      var on = has(page);
      button.setAttribute("aria-pressed", String(on));
      button.textContent = button.getAttribute(on ? "data-label-done" : "data-label-todo");
      button.parentNode.hidden = false;
    }
    all(".mentoring-progress-reset").forEach(function (reset) { reset.hidden = false; });
  }

  function save() {
    set(key, Object.keys(done).length ? JSON.stringify(done) : null);
    render();
  }

  if (button) {
    button.addEventListener("click", function () {
      if (has(page)) delete done[page]; else done[page] = module;
      save();
    });
  }
  all(".mentoring-module-reset").forEach(function (reset) {
    reset.addEventListener("click", function () {
      if (!window.confirm(reset.getAttribute("data-confirm"))) return;
      var id = reset.getAttribute("data-mentoring-module"), name;
      for (name in done) if (has(name) && done[name] === id) delete done[name];
      save();
    });
  });
  all(".mentoring-progress-reset").forEach(function (reset) {
    reset.addEventListener("click", function () {
      if (window.confirm(reset.getAttribute("data-confirm"))) { done = {}; set(lastKey, null); save(); }
    });
  });
  /* Another tab marked a section: show it here too. */
  window.addEventListener("storage", function (event) {
    if (event.key !== key) return;
    done = read(key) || {};
    render();
  });
  render();
})();
