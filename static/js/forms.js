/* A form is sent once: a second press of its button while the first sending is on its way (a double click,
   an impatient tap on a slow phone connection) is ignored, so that no record is made twice. The form can
   be sent again after SENDING_MS (a download answers without leaving the page) or when the page is shown
   again from the browser's history. Forms that htmx sends are left to it. */
(function () {
  "use strict";
  var SENDING_MS = 8000;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "true";
    window.setTimeout(function () {
      delete form.dataset.sending;
    }, SENDING_MS);
  });

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
    });
  });
})();
