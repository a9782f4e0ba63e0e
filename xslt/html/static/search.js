/* The search page: pagefind's own interface over the index in pagefind/ (written by the build).
   The bundle is found beside this page, and pagefind prefixes result addresses with the folder
   the bundle is served from, so the same files work from `teikit serve`, any static web
   server, or a subfolder. A large edition is indexed in shards: pagefind/ is the first,
   pagefind/teikit-shards.json lists the others, which pagefind merges into one search
   (mergeIndex). ?q=word starts a search. */
window.addEventListener("DOMContentLoaded", function () {
  var here = new URL(".", window.location.href).pathname;
  var bundle = here + "pagefind/";
  function start(shards) {
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      mergeIndex: (shards.merge || []).map(function (folder) { return { bundlePath: bundle + folder }; }),
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      openFilters: ["sender", "addressee"],
      sort: { date: "asc" },
      translations: { placeholder: "Search the documents" }
    });
    // A visible label for pagefind's input (a form field needs one); made here, with the input.
    var input = document.querySelector("#search input");
    if (input) {
      input.id = "search-input";
      var label = document.createElement("label");
      label.htmlFor = "search-input";
      label.className = "search-label";
      label.textContent = "Search the documents";
      document.getElementById("search").before(label);
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  }
  fetch(bundle + "teikit-shards.json")
    .then(function (answer) { return answer.ok ? answer.json() : {}; })
    .catch(function () { return {}; })
    .then(start);
});
