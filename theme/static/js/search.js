// Starts the Pagefind UI (served from this site's newest pagefind/ bundle,
// merging the bundles of earlier years) and runs the query from ?q= so the
// header search box lands on results.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("search");
    if (!box || typeof PagefindUI === "undefined") { return; }
    // Pagefind resolves bundle paths against its own script's URL, so a
    // relative SITEURL ("..") is made absolute against this page first.
    function absolute(path) { return new URL(path, document.baseURI).href; }
    var baseUrl = absolute(box.dataset.baseUrl || "/");
    var merged = (box.dataset.mergeBundles || "").split(" ").filter(Boolean).map(
      function (path) { return { bundlePath: absolute(path), baseUrl: baseUrl }; }
    );
    var ui = new PagefindUI({
      element: "#search",
      baseUrl: baseUrl,
      mergeIndex: merged,
      bundlePath: absolute(box.dataset.bundlePath || "/pagefind/"),
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
