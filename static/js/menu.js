/* The main menu on a phone: folded behind its "Menu" button, which opens and closes it (aria-expanded).
   Without this script the button stays hidden and the menu open (static/css/app.css). */
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-nav");
  if (!button || !menu) return;
  document.documentElement.classList.add("menu-folds");

  function show(open) {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      show(false);
      button.focus();
    }
  });
})();
