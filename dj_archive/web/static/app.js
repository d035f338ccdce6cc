// dj_archive web app: next/previous match on the 文档 page, drag and drop on 归档.
(function () {
  function setupMatches(root) {
    var content = root.querySelector ? root.querySelector("#content") : null;
    var next = document.getElementById("next-match");
    if (!content || !next || next.dataset.ready) return;
    next.dataset.ready = "1";
    var marks = Array.prototype.slice.call(content.querySelectorAll("mark.match"));
    var pos = -1;
    document.getElementById("match-count").textContent = marks.length;
    function go(i) {
      if (!marks.length) return;
      if (pos >= 0) marks[pos].classList.remove("current");
      pos = (i + marks.length) % marks.length;
      marks[pos].classList.add("current");
      marks[pos].scrollIntoView({ block: "center" });
      document.getElementById("match-pos").textContent = pos + 1;
    }
    next.addEventListener("click", function () { go(pos + 1); });
    document.getElementById("prev-match").addEventListener("click", function () { go(pos - 1); });
    if (marks.length) go(0);
  }
  function setupDrop(root) {
    var zone = root.querySelector ? root.querySelector(".dropzone") : null;
    if (!zone || zone.dataset.ready) return;
    zone.dataset.ready = "1";
    var input = zone.querySelector("input[type=file]");
    var list = zone.querySelector(".chosen");
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      list.textContent = names.length ? (zone.dataset.chosen || "") + names.join(zone.dataset.sep || ", ") : (list.dataset.none || "");
    }
    input.addEventListener("change", show);
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault(); zone.classList.remove("over");
      input.files = e.dataTransfer.files; show();
    });
  }
  function setupBack() {
    // Back to the results as they were (facets, page), when we came from them.
    var back = document.getElementById("back-to-results");
    if (!back || back.dataset.ready) return;
    back.dataset.ready = "1";
    back.addEventListener("click", function (e) {
      if (history.length > 1 && document.referrer && new URL(document.referrer).host === location.host) {
        e.preventDefault(); history.back();
      }
    });
  }
  function setup(root) { setupMatches(root || document); setupDrop(root || document); setupBack(); }
  document.addEventListener("DOMContentLoaded", function () { setup(document); });
  document.addEventListener("htmx:load", function (e) { setup(document); });
})();
