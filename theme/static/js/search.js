// Starts the Pagefind UI (served from this site's pagefind/ folder) and runs
// the query from ?q= so the header search box lands on results.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("search");
    if (!box || typeof PagefindUI === "undefined") { return; }
    var ui = new PagefindUI({
      element: "#search",
      baseUrl: box.dataset.baseUrl || "/",
      bundlePath: box.dataset.bundlePath || "/pagefind/",
      showImages: false,
      showSubResults: false,
      resetStyles: false
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
