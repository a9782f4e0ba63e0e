/* The search page: pagefind's own interface over the index in pagefind/ (written by the build).
   Result addresses are prefixed with the folder this page is served from, so the same files
   work from `teikit serve`, any static web server, or a subfolder. ?q=word starts a search. */
window.addEventListener("DOMContentLoaded", function () {
  var here = new URL(".", window.location.href).pathname;
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: here,
    bundlePath: here + "pagefind/",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    openFilters: ["sender", "addressee"],
    sort: { date: "asc" },
    translations: { placeholder: "Search the documents" }
  });
  // The page's own visible label names pagefind's input (axe: a form field needs a visible label).
  var input = document.querySelector("#search input[type=text], #search input");
  if (input) { input.id = "search-input"; }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
});
