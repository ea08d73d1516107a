// Marking articles as reviewed without reloading the page. The forms work without this script; with it, the form is
// posted with fetch() (the CSRF token travels in the form data), the review block of the article is replaced by the
// server's new one, the counter and the article index are updated and a live region tells screen readers.
(function () {
  "use strict";

  function announce(text) {
    var status = document.getElementById("beoordeling-melding");
    if (status) status.textContent = text;
  }

  function send(form, button) {
    var data = new FormData(form);
    if (button && button.name) data.append(button.name, button.value);
    if (button) button.disabled = true;
    // getAttribute: form.action would be the button named "action"
    fetch(form.getAttribute("action"), {method: "POST", body: data, credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok || response.headers.get("Content-Type").indexOf("application/json") === -1) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (result) {
        var block = document.getElementById("beoordeling-" + result.article);
        var wrapper = document.createElement("div");
        wrapper.innerHTML = result.review;  // rendered and escaped by the server's template
        var fresh = wrapper.firstElementChild;
        block.replaceWith(fresh);
        var counter = document.getElementById("beoordeeld-teller");
        if (counter) counter.textContent = result.counter;
        var state = document.getElementById("stand-" + result.article);
        if (state) state.textContent = result.state;
        announce(result.message + " " + result.counter + ".");
        var next = fresh.querySelector("button");
        if (next) next.focus();
      })
      .catch(function () {
        // Session expired, token refused, server or network trouble: post the form the ordinary way.
        if (button && button.name) {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = button.name;
          hidden.value = button.value;
          form.appendChild(hidden);
        }
        form.submit();
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-review]") || !window.fetch) return;
    event.preventDefault();
    send(form, event.submitter);
  });
})();
