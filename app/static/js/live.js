// During a round: ask the server every few seconds whether anything changed (If-None-Match with the last ETag; a
// 304 costs next to nothing), then update the messages (an aria-live region), the countdown and the help requests.
// The page is complete without this script: the server renders the same content on load.
(function () {
  "use strict";
  var section = document.getElementById("tijdens-de-ronde");
  if (!section || !window.fetch) return;
  var url = section.getAttribute("data-live-url");
  var every = (parseInt(section.getAttribute("data-poll-seconds"), 10) || 5) * 1000;
  var etag = null;
  var endsAt = null;       // Date of the countdown's end, or null
  var skew = 0;            // the server's clock minus ours, from the Date header
  var shown = null;        // the last state shown, as JSON text

  function text(name) { return section.getAttribute("data-text-" + name) || ""; }
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function renderMessages(messages) {
    var box = document.getElementById("berichten");
    var present = Array.prototype.map.call(box.querySelectorAll("li[data-id]"),
                                           function (li) { return li.getAttribute("data-id"); });
    if (present.join() === messages.map(function (m) { return String(m.id); }).join()) return;  // nothing new
    var list = el("ul", "utrecht-unordered-list live-messages");
    messages.forEach(function (m) {
      var item = el("li");
      item.setAttribute("data-id", m.id);
      item.appendChild(el("span", "hint", m.at + ", " + text("to") + " " + m.to + ":"));
      item.appendChild(document.createTextNode(" " + m.body));
      list.appendChild(item);
    });
    box.replaceChildren(messages.length ? list : el("p", "utrecht-paragraph", text("none")));
  }

  function renderHelp(requests) {
    var box = document.getElementById("hulpvragen");
    if (!box) return;
    var token = section.querySelector("input[name=csrf_token]");
    var list = el("ul", "utrecht-unordered-list");
    requests.forEach(function (h) {
      var item = el("li");
      item.appendChild(el("strong", "", h.name));
      item.appendChild(document.createTextNode(" " + text("asked").replace("{time}", h.at) + " "));
      var form = el("form", "inline-form");
      form.method = "post";
      form.action = h.handle_url;
      var hidden = el("input");
      hidden.type = "hidden";
      hidden.name = "csrf_token";
      hidden.value = token ? token.value : "";
      var button = el("button", "utrecht-button utrecht-button--subtle", text("handled"));
      button.type = "submit";
      button.appendChild(el("span", "visually-hidden", ": " + h.name));
      form.appendChild(hidden);
      form.appendChild(button);
      item.appendChild(form);
      list.appendChild(item);
    });
    box.replaceChildren(requests.length ? list : el("p", "utrecht-paragraph", text("no-help")));
  }

  function renderMyHelp(open) {
    section.querySelectorAll(".help-status").forEach(function (status) {
      var asked = open.indexOf(parseInt(status.getAttribute("data-participant"), 10)) !== -1;
      var wanted = asked ? text("open") : "";
      if (status.textContent.trim() !== wanted) status.textContent = wanted;
    });
  }

  function tick() {
    var box = document.querySelector("#aftellen .countdown__text");
    if (!box) return;
    if (!endsAt) { box.textContent = text("no-countdown"); return; }
    var left = Math.round((endsAt.getTime() - (Date.now() + skew)) / 1000);
    if (left <= 0) { box.textContent = text("over"); return; }
    var minutes = Math.floor(left / 60), seconds = left % 60;
    var clock = endsAt.toLocaleTimeString("nl-NL", {hour: "2-digit", minute: "2-digit"});
    box.textContent = text("left") + " " + minutes + ":" + (seconds < 10 ? "0" : "") + seconds + " (" +
      text("until").replace("{time}", clock) + ")";
  }

  function show(state) {
    var fresh = JSON.stringify(state);
    if (fresh === shown) return;
    var before = shown ? JSON.parse(shown) : null;
    shown = fresh;
    if (!before || JSON.stringify(before.messages) !== JSON.stringify(state.messages)) renderMessages(state.messages);
    if (!before || JSON.stringify(before.help) !== JSON.stringify(state.help)) renderHelp(state.help);
    renderMyHelp(state.my_open_help);
    endsAt = state.countdown_ends_at ? new Date(state.countdown_ends_at) : null;
    tick();
  }

  function poll() {
    var headers = {"Accept": "application/json"};
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, {credentials: "same-origin", headers: headers, cache: "no-store"})
      .then(function (response) {
        var date = response.headers.get("Date");
        var serverNow = date ? new Date(date).getTime() : NaN;
        if (isFinite(serverNow)) skew = serverNow - Date.now();
        if (response.status === 304) return null;
        if (!response.ok) throw new Error("status " + response.status);
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (state) { if (state) show(state); })
      .catch(function () { /* a missed poll is retried at the next one */ })
      .then(function () { window.setTimeout(poll, every); });
  }

  var first = document.getElementById("aftellen").getAttribute("data-ends-at");
  endsAt = first ? new Date(first) : null;
  window.setInterval(tick, 1000);
  poll();
})();
