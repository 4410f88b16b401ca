// Progressive enhancement for the calendar page: a "Kopiera" button next to each readonly address.
// Without JavaScript the readonly field is still there to select and copy by hand.
(function () {
  document.querySelectorAll("[data-kopiera]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-kopiera"));
    var status = document.getElementById(button.getAttribute("data-kopiera") + "-status");
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      var done = function () { if (status) { status.textContent = "Adressen är kopierad."; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
