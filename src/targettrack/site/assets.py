"""The style sheet and the script every page of the site shares, written
once at the site's root (a page of 10,000 would otherwise carry them 20,000
times). The report's own style, with what a site adds: the header with its
language switch, the search, the facts of a target."""

from __future__ import annotations

from ..render.report_html import CSS as REPORT_CSS
from ..render.report_html import SCRIPT as REPORT_SCRIPT

CSS = (
    REPORT_CSS
    + """
header.site { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .3rem 1rem;
              border-bottom: 1px solid #d1d9e0; padding-bottom: .4rem; font-size: .9rem; }
header.site nav a { margin-right: .6rem; } header.site .switch a { font-weight: 600; }
.crumbs { font-size: .85rem; color: #59636e; margin: .6rem 0 0; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .6rem 0; font-size: .95rem; }
dl.facts dt { color: #59636e; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
form.search input { font-size: 1rem; padding: .35rem .5rem; width: 100%; max-width: 30rem; box-sizing: border-box; }
ul.hits { padding-left: 1.2rem; } ul.hits li { margin: .2rem 0; }
footer.site { margin-top: 2.5rem; border-top: 1px solid #d1d9e0; padding-top: .4rem; font-size: .8rem; color: #59636e; }
.reason { margin: .4rem 0; }
@media (max-width: 720px) {
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .3rem; }
  table.sortable td { overflow-wrap: anywhere; }  /* a source's long address wraps inside its card */
}
"""
)

# Progressive enhancement: the report's sortable tables (its own script), and
# the search of the index page over search.js (a script, not a fetch of
# search.json: a browser fetches nothing from a page opened from disk).
SCRIPT = (
    REPORT_SCRIPT
    + """
(function () {
  var box = document.getElementById("q"), hits = document.getElementById("hits");
  if (!box || !hits || !window.TT_SEARCH) return;
  var said = document.getElementById("hits-said"), most = 50;
  function show() {
    var q = box.value.trim().toLowerCase();
    hits.textContent = "";
    if (!q) { said.textContent = ""; return; }
    var found = window.TT_SEARCH.targets.filter(function (t) {
      return (t[0] + "\\n" + t[1] + "\\n" + t[2] + "\\n" + t[3]).toLowerCase().indexOf(q) >= 0;
    });
    found.slice(0, most).forEach(function (t) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = t[5]; a.textContent = t[1];
      var id = document.createElement("span"); id.className = "id"; id.textContent = " " + t[0];
      var st = document.createElement("span"); st.className = "meta"; st.textContent = " · " + t[4];
      li.appendChild(a); li.appendChild(id); li.appendChild(st); hits.appendChild(li);
    });
    said.textContent = window.TT_SEARCH.said.replace("{n}", found.length) +
      (found.length > most ? " " + window.TT_SEARCH.first.replace("{n}", most) : "");
  }
  box.addEventListener("input", show);
  var given = new URLSearchParams(location.search).get("q");
  if (given) { box.value = given; }
  show();
})();
"""
)
