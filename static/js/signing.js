/* The signing page: a signature drawn with a finger or the mouse (signature_pad), sent as a PNG data URL in a
   hidden field; the drawing box is shown only when "Draw my signature" is chosen, the typed field otherwise. */
(function () {
  "use strict";
  var form = document.getElementById("sign-form");
  var canvas = document.getElementById("signature-canvas");
  if (!form || !canvas) return;
  var field = document.getElementById("id_signature_data");
  var drawn = document.getElementById("signature-drawn");
  var typed = document.getElementById("signature-typed");
  var radios = form.querySelectorAll("input[name='signature_kind']");
  form.classList.add("js");

  function chosen() {
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) return radios[i].value;
    return "drawn";
  }
  function showChoice() {
    var kind = chosen();
    drawn.hidden = kind !== "drawn";
    typed.hidden = kind !== "typed";
    if (kind === "drawn") resize();
  }

  if (typeof window.SignaturePad !== "function") {
    drawn.classList.add("unavailable");
    return;
  }
  var pad = new window.SignaturePad(canvas, { backgroundColor: "rgba(0,0,0,0)", penColor: "#111" });

  function resize() {
    if (!canvas.offsetWidth) return;
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var strokes = pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
  }
  function store() {
    field.value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
  }

  pad.addEventListener("endStroke", store);
  document.getElementById("signature-clear").addEventListener("click", function () {
    pad.clear();
    store();
  });
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener("change", showChoice);
  window.addEventListener("resize", function () {
    resize();
    store();
  });
  // A second press while the first is on its way sends nothing more (the server signs once anyway).
  form.addEventListener("submit", function (event) {
    store();
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
  showChoice();
})();
