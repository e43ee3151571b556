/* kzpolicy: the cookie notice's script, served by the site itself (no request elsewhere).
 * Without it the notice still reads, and nothing that needs consent is ever loaded.
 * - The choice is kept in localStorage ("kzpolicy-cookie-consent": the notice's version, the
 *   categories agreed to, the date); a new version of the choices asks again.
 * - <script type="text/plain" data-cookie-category="analytics" src="..."> runs once its
 *   category is agreed to (its nonce is kept, so a strict Content-Security-Policy holds).
 * - "kzpolicy:cookie-consent" is dispatched on document with {categories, version}, on every
 *   page load with a choice and whenever the choice changes.
 * - Any element with data-cookie-settings opens the choice again; withdrawing a category
 *   reloads the page, so that scripts already running stop.
 */
(function () {
  "use strict";
  var KEY = "kzpolicy-cookie-consent";
  var notice = document.getElementById("kzpolicy-cookie-notice");
  if (!notice) return;
  var version = notice.getAttribute("data-cookie-version");
  var boxes = Array.prototype.slice.call(notice.querySelectorAll("input[data-cookie-category]"));
  var known = boxes.map(function (box) { return box.getAttribute("data-cookie-category"); });

  function saved() {
    try {
      var choice = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (!choice || choice.version !== version || !Array.isArray(choice.categories)) return null;
      return choice.categories.filter(function (c) { return known.indexOf(c) >= 0; });
    } catch (error) {
      return null;
    }
  }

  function activate(categories) {
    var waiting = document.querySelectorAll('script[type="text/plain"][data-cookie-category]');
    Array.prototype.forEach.call(waiting, function (old) {
      if (categories.indexOf(old.getAttribute("data-cookie-category")) < 0) return;
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attribute) {
        if (attribute.name !== "type") script.setAttribute(attribute.name, attribute.value);
      });
      if (old.nonce) script.nonce = old.nonce;
      script.text = old.text;
      old.parentNode.replaceChild(script, old);
    });
    document.documentElement.setAttribute("data-cookie-consent", categories.join(" "));
    document.dispatchEvent(new CustomEvent("kzpolicy:cookie-consent", {
      detail: { categories: categories.slice(), version: version }
    }));
  }

  function show(open) {
    notice.hidden = !open;
    Array.prototype.forEach.call(document.querySelectorAll(".kzpolicy-cookie-settings"), function (button) {
      button.hidden = open;
    });
  }

  function choose(categories) {
    var before = saved();
    try {
      window.localStorage.setItem(KEY, JSON.stringify({
        version: version, categories: categories, date: new Date().toISOString()
      }));
    } catch (error) { /* storage refused: the choice holds for this page only */ }
    show(false);
    if (before && before.some(function (c) { return categories.indexOf(c) < 0; })) {
      window.location.reload();
      return;
    }
    activate(categories);
  }

  notice.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-cookie-action]");
    if (!button) return;
    var action = button.getAttribute("data-cookie-action");
    if (action === "accept_all") choose(known.slice());
    else if (action === "necessary_only") choose([]);
    else choose(boxes.filter(function (box) { return box.checked; }).map(function (box) {
      return box.getAttribute("data-cookie-category");
    }));
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-cookie-settings]")) return;
    var current = saved() || [];
    boxes.forEach(function (box) { box.checked = current.indexOf(box.getAttribute("data-cookie-category")) >= 0; });
    show(true);
    if (boxes.length) boxes[0].focus();
  });

  boxes.forEach(function (box) { box.disabled = false; });
  Array.prototype.forEach.call(notice.querySelectorAll("[data-cookie-js]"), function (part) { part.hidden = false; });
  var choice = saved();
  if (choice) {
    show(false);
    activate(choice);
  } else {
    show(true);
  }
})();
