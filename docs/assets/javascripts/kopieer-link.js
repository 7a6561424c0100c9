// "Kopieer link": copies the permanent URL of an item page (or of the section in the address bar) to the clipboard.
(function () {
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for file:// and plain http on an intranet.
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(field);
    return ok ? Promise.resolve() : Promise.reject(new Error("kopiëren niet gelukt"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-kb-kopieer]");
    if (!button) return;
    var link = button.getAttribute("data-kb-kopieer") + (location.hash || "");
    var status = button.parentNode.querySelector(".kb-kopieer-status");
    copy(link).then(
      function () { status.textContent = "Link gekopieerd: " + link; },
      function () { status.textContent = "Kopiëren lukte niet. Selecteer de link hierboven en kopieer hem zelf."; }
    );
  });
})();
