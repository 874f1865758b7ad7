// The score sheet: an idea's "not scored yet" mark goes once its three questions are answered
// (and comes back if the sheet is reset). Without JavaScript the mark follows the saved scores.
document.addEventListener("change", function (event) {
  var idea = event.target.closest && event.target.closest(".idea-score");
  var mark = idea && idea.querySelector(".tag-unscored");
  if (!mark) return;
  var questions = idea.querySelectorAll(".dimension");
  var answered = idea.querySelectorAll(".dimension input:checked");
  mark.hidden = answered.length === questions.length;
});
