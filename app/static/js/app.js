// Conditional questions: show a question only when the answer it depends on has a given value.
// Hidden questions keep their values (they are still posted), so nothing typed is ever lost.
(function () {
  "use strict";

  function currentValues(form, key) {
    var inputs = form.querySelectorAll('[name="q-' + key + '"], [name="' + key + '"]');
    var values = [];
    inputs.forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      values.push(el.value);
    });
    return values;
  }

  function holds(el, values) {
    if (el.dataset.includes !== undefined) return values.indexOf(el.dataset.includes) !== -1;
    if (el.dataset.oneOf !== undefined) {
      var wanted = el.dataset.oneOf.split(" ");
      return values.some(function (v) { return wanted.indexOf(v) !== -1; });
    }
    return values.indexOf(el.dataset.equals) !== -1;
  }

  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (el) {
      el.hidden = !holds(el, currentValues(form, el.dataset.showIf));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-show-if]")) return;
      form.addEventListener("change", function () { update(form); });
      update(form);
    });

    // Long actions show that they are working.
    document.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var button = event.submitter;
        if (button && button.dataset.busyLabel) {
          button.classList.add("utrecht-button--busy");
          button.setAttribute("aria-busy", "true");
          var status = document.getElementById("busy-status");
          if (status) status.textContent = button.dataset.busyLabel;
        }
      });
    });
    document.querySelectorAll("a[data-busy-label]").forEach(function (link) {
      link.addEventListener("click", function () {
        var status = document.getElementById("busy-status");
        if (status) {
          status.textContent = link.dataset.busyLabel;
          setTimeout(function () { status.textContent = ""; }, 4000);
        }
      });
    });

    // After a failed save, move focus to the error summary so screen readers announce it.
    var summary = document.getElementById("foutmeldingen");
    if (summary) summary.focus();
  });
})();

// Copy buttons: copy the text of the field they name, and say so (for screen readers too).
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      field.select();
      var done = function () { button.textContent = button.dataset.copied; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
