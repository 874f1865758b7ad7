// The results board on the projector: as many ideas as fit on the screen at a time. The pages
// turn every 15 seconds (Pause stops them), with the arrow keys, Page Up/Down (what a
// presenter's clicker sends) and the buttons. The board's 2-second poll replaces it; the page
// shown is kept. Without JavaScript the board is one long page that scrolls.
(function () {
  var TURN_MS = 15000;
  var pages = [], current = 0, paused = false, timer = null;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#board .ranking tbody tr"));
  }

  // Split the rows into pages that fit between the first row's top and the screen's foot.
  function paginate() {
    var all = rows();
    all.forEach(function (row) { row.hidden = false; });
    pages = [];
    if (!all.length) return;
    var top = function (row) { return row.getBoundingClientRect().top + window.scrollY; };
    var room = window.innerHeight - top(all[0]) - 8;
    var start = top(all[0]), page = [];
    all.forEach(function (row) {
      var bottom = top(row) + row.offsetHeight;
      if (page.length && bottom - start > room) { pages.push(page); page = []; start = top(row); }
      page.push(row);
    });
    pages.push(page);
  }

  function show(number) {
    current = (number + pages.length) % pages.length;
    pages.forEach(function (page, index) {
      page.forEach(function (row) { row.hidden = index !== current; });
    });
    var pager = document.querySelector(".board-pager");
    var status = document.querySelector(".board-pages");
    pager.hidden = pages.length < 2;
    status.textContent = status.dataset.template
      .replace("{page}", current + 1).replace("{pages}", pages.length);
  }

  function refresh() {
    paginate();
    if (pages.length) show(Math.min(current, pages.length - 1));
  }

  function turn(step) {
    if (pages.length > 1) show(current + step);
    restart();
  }

  function restart() {
    clearInterval(timer);
    timer = setInterval(function () { if (!paused) turn(1); }, TURN_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    restart();
    document.body.addEventListener("htmx:afterSettle", refresh);
    window.addEventListener("resize", refresh);
    document.querySelector(".board-pager").addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.page === "pause") {
        paused = !paused;
        button.setAttribute("aria-pressed", String(paused));
      } else {
        turn(button.dataset.page === "next" ? 1 : -1);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
      if (step && pages.length > 1) { event.preventDefault(); turn(step); }
    });
  });
})();
