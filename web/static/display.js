/* The browser calling display: one EventSource brings the picture; every new call (or
   recall) is announced in order, one after another: the server's chime and spoken call.
   Reconnects by itself when the server or the network comes back. Plain ES5. */
(function () {
  "use strict";
  var main = document.getElementById("display");
  if (!main || !window.EventSource || !window.JSON) { return; }
  var url = main.getAttribute("data-events");
  var last = parseInt(main.getAttribute("data-last"), 10) || 0;
  var offline = document.getElementById("offline");
  var button = document.getElementById("sound");
  var latest = document.getElementById("latest");
  var queue = [];
  var playing = false;
  var player = new Audio();
  var flashTimer = null;
  var MAX_BACKLOG = 5;
  window.loketAnnounced = [];

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && el.textContent !== text) { el.textContent = text; }
  }

  function fill(id, rows) {
    var list = document.getElementById(id);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    for (var i = 0; i < rows.length; i++) {
      var li = document.createElement("li");
      for (var j = 0; j < rows[i].length; j++) {
        var span = document.createElement("span");
        span.textContent = rows[i][j];
        li.appendChild(span);
      }
      list.appendChild(li);
    }
  }

  function render(s) {
    var calls = s.calls;
    setText("latest-number", calls.length ? calls[0].number : "\u2013");
    setText("latest-counter", calls.length ? calls[0].counter : "Belum ada panggilan");
    var previous = [];
    for (var i = 1; i < calls.length; i++) { previous.push([calls[i].number, calls[i].counter]); }
    fill("previous", previous);
    var serving = [];
    for (i = 0; i < s.counters.length; i++) {
      var c = s.counters[i];
      if (c.open || c.serving) { serving.push([c.name, c.serving || "\u2013"]); }
    }
    fill("serving", serving);
    var waiting = [];
    for (i = 0; i < s.waiting.length; i++) {
      waiting.push([s.waiting[i].service, String(s.waiting[i].waiting)]);
    }
    fill("waiting", waiting);
  }

  function flash() {
    latest.className = "latest flash";
    if (flashTimer) { clearTimeout(flashTimer); }
    flashTimer = setTimeout(function () { latest.className = "latest"; }, 8000);
  }

  function playNext() {
    if (playing || !queue.length) { return; }
    var item = queue.shift();
    playing = true;
    window.loketAnnounced.push(item.number + "@" + item.counter);
    var finished = false;
    function done() {
      if (finished) { return; }
      finished = true;
      playing = false;
      setTimeout(playNext, 400);
    }
    player.onended = done;
    player.onerror = done;
    player.src = item.url;
    try {
      var p = player.play();
      if (p && p["catch"]) { p["catch"](function () { button.hidden = false; done(); }); }
    } catch (e) { button.hidden = false; done(); }
  }

  button.onclick = function () {
    button.hidden = true;
    player.src = "/audio/chime.wav";
    player.play();
  };

  function apply(s) {
    render(s);
    var fresh = [];
    for (var i = 0; i < s.calls.length; i++) {
      if (s.calls[i].id > last && s.calls[i].announce) { fresh.unshift(s.calls[i]); }
    }
    if (s.last > last) { last = s.last; }
    if (fresh.length > MAX_BACKLOG) { fresh = fresh.slice(fresh.length - MAX_BACKLOG); }
    if (fresh.length) { flash(); }
    for (i = 0; i < fresh.length; i++) {
      var c = fresh[i];
      queue.push({
        number: c.number,
        counter: c.counter,
        url: "/audio/call/" + encodeURIComponent(c.number) + "/" + c.counter_no + ".wav"
      });
    }
    playNext();
  }

  var source = null;
  function connect() {
    source = new EventSource(url);
    source.onopen = function () { offline.hidden = true; };
    source.onmessage = function (e) {
      offline.hidden = true;
      var s = null;
      try { s = JSON.parse(e.data); } catch (x) { return; }
      apply(s);
    };
    source.onerror = function () {
      offline.hidden = false;
      if (source.readyState === 2) { setTimeout(connect, 3000); }
    };
  }
  connect();
})();
