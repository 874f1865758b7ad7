// Presentation mode: arrow keys, Page Up/Down (what a presenter's clicker sends) and space
// follow the slide's previous/next links. Without JavaScript the links (accesskeys p and n) work.
document.addEventListener("keydown", function (event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  var rel = { ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "prev", PageUp: "prev" }[event.key];
  var link = rel && document.querySelector('.slide-nav a[rel="' + rel + '"]');
  if (link) { event.preventDefault(); window.location.href = link.href; }
});
