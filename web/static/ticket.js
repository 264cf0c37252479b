/* The live ticket page: one EventSource fills in the page's live parts; when the number
   is called the phone rings (where the browser allows sound) and vibrates.
   Plain ES5 for the browsers of 2019 phones. */
(function () {
  "use strict";
  var main = document.getElementById("ticket");
  if (!main || !window.EventSource || !window.JSON) { return; }
  var url = main.getAttribute("data-events");
  var state = main.getAttribute("data-state");
  var call = main.getAttribute("data-call") || "";
  var sound = document.getElementById("sound");
  var offline = document.getElementById("offline");
  var chime = null;

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && el.textContent !== text) { el.textContent = text; }
  }

  function ring() {
    if (navigator.vibrate) {
      try { navigator.vibrate([600, 200, 600, 200, 600]); } catch (e) { /* not allowed */ }
    }
    try {
      if (!chime) { chime = new Audio("/audio/chime.wav"); }
      chime.currentTime = 0;
      var played = chime.play();
      if (played && played["catch"]) {
        played["catch"](function () { if (sound) { sound.hidden = false; } });
      }
    } catch (e) { if (sound) { sound.hidden = false; } }
  }

  if (sound) {
    sound.onclick = function () {
      sound.hidden = true;
      chime = new Audio("/audio/chime.wav");
      chime.play();
    };
    if (state === "waiting") { sound.hidden = false; }
  }

  function apply(s) {
    setText("ahead", s.ahead);
    setText("wait", s.wait);
    setText("message", s.message);
    var changed = s.state !== state;
    if (changed) {
      state = s.state;
      main.setAttribute("data-state", state);
      main.className = "ticket" + (state === "called" ? " called" : "");
      if (state !== "waiting" && sound) { sound.hidden = true; }
    }
    if (s.call && s.call !== call) { ring(); }
    call = s.call;
    if (changed && state === "done" && s.survey === "yes") {
      window.location.reload(); /* the page then offers the survey */
    }
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
    source.addEventListener("gone", function () { source.close(); window.location.reload(); });
    source.onerror = function () {
      offline.hidden = false;
      if (source.readyState === 2) { setTimeout(connect, 5000); }
    };
  }
  connect();
})();
