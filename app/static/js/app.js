// Conditional questions: show a question only when the answer it depends on has a given value.
// Hidden questions keep their values (they are still posted), so nothing typed is ever lost.
(function () {
  "use strict";
  // data-show-if names the question by its key: a question's field is FIELD_PREFIX + key (FIELD_PREFIX and
  // field_name() in app/services/questions/questions.py; tests/wizard/test_field_names.py keeps the two equal),
  // a field of another form is named by its key.
  var FIELD_PREFIX = "q-";

  function currentValues(form, key) {
    var inputs = form.querySelectorAll('[name="' + FIELD_PREFIX + key + '"], [name="' + key + '"]');
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

// List questions: "Rij toevoegen" and "Rij verwijderen" without saving first. The list's fieldset has the question's
// field name as its id (field_name(key) in app/services/questions/questions.py); its rows' fields are named
// <that>-<row>-<field> with rows 0 .. count-1, and the count is in [data-row-count], as the server reads them.
// Without JavaScript the blank rows the server renders still work.
(function () {
  "use strict";
  var ATTRIBUTES = ["name", "id", "for", "aria-describedby"];

  function renumber(box) {
    var table = box.querySelector("[data-list]");
    var name = box.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");  // the question's field name, as a pattern
    var pattern = new RegExp("^" + name + "-\\d+-");
    var rows = table.tBodies[0].querySelectorAll("[data-row]");
    rows.forEach(function (row, index) {
      row.querySelectorAll("*").forEach(function (el) {
        ATTRIBUTES.forEach(function (attribute) {
          var value = el.getAttribute(attribute);
          if (!value) return;
          el.setAttribute(attribute, value.split(" ").map(function (part) {
            return part.replace(pattern, box.id + "-" + index + "-");
          }).join(" "));
        });
      });
      row.querySelectorAll("[data-row-number]").forEach(function (el) { el.textContent = index + 1; });
    });
    box.querySelector("[data-row-count]").value = rows.length;
  }

  function addRow(box) {
    var body = box.querySelector("[data-list]").tBodies[0];
    var row = box.querySelector("[data-row-template]").content.firstElementChild.cloneNode(true);
    row.querySelectorAll("[data-remove-row]").forEach(function (b) { b.hidden = false; });
    body.appendChild(row);
    renumber(box);
    var first = row.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-list]").forEach(function (table) {
      var box = table.closest("fieldset");
      box.querySelectorAll("[data-add-row], [data-remove-row]").forEach(function (b) { b.hidden = false; });
      box.querySelectorAll("[data-without-script]").forEach(function (el) { el.hidden = true; });
      box.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) return;
        if (button.hasAttribute("data-add-row")) {
          addRow(box);
        } else if (button.hasAttribute("data-remove-row")) {
          button.closest("[data-row]").remove();
          renumber(box);
          box.querySelector("[data-add-row]").focus();
        }
      });
    });
  });
})();

// Unsaved answers: a form marked data-warn-unsaved asks the browser's own "leave this page?" question when the user
// leaves with changes that are not saved (the side navigation, a link, closing the tab), never when submitting it.
// A form shown again after an error (data-warn-unsaved="dirty") holds typed answers that are not saved yet.
(function () {
  function state(form) {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && typeof value === "string") parts.push(name + "=" + value);
    });
    return parts.join("&");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-warn-unsaved]"));
    if (!forms.length) return;
    var saved = forms.map(function (form) { return form.dataset.warnUnsaved === "dirty" ? null : state(form); });
    var submitting = false;
    forms.forEach(function (form) {
      form.addEventListener("submit", function () { submitting = true; });
    });
    window.addEventListener("pageshow", function (event) { if (event.persisted) submitting = false; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) return;
      var changed = forms.some(function (form, i) { return saved[i] === null || state(form) !== saved[i]; });
      if (changed) {
        event.preventDefault();
        event.returnValue = "";  // older browsers want a value; every browser shows its own text
      }
    });
  });
})();
