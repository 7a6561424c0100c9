// Draaiboekmaker: build a session plan from werkkaarten and spanningsvelden, see the run-sheet, print and share it.
// The run-sheet rules and the link format are the same as in kb/runsheet.py (the generator of the draaiboeken);
// tests/test_draaiboek_bouwer.py checks that both give the same run-sheet for the same plan.
// No server and no fetch: the data is inline in the page (#draaiboek-blokken), so this also works from file://.
(function () {
  "use strict";

  var dataNode = document.getElementById("draaiboek-blokken");
  var root = document.getElementById("dm-app");
  if (!dataNode || !root) return;
  var DATA = JSON.parse(dataNode.textContent);
  var ROLES = ["opening", "blok", "pauze", "afsluiting"];
  var DEFAULT_START = "09:00";
  var SITE_ROOT = "../"; // this page lives in draaiboeken/

  var cards = {};
  DATA.werkkaarten.forEach(function (card) { cards[card.id] = card; });
  var fields = {};
  DATA.spanningsvelden.forEach(function (sv) { fields[sv.id] = sv; });

  var state = { start: DEFAULT_START, title: "", blocks: [] };

  // ---- Run-sheet rules (mirror of kb/runsheet.py) ----------------------------------------------------------

  function parseClock(text) {
    var match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text || "");
    return match ? parseInt(match[1], 10) * 60 + parseInt(match[2], 10) : null;
  }

  function clock(minutes) {
    minutes = ((minutes % 1440) + 1440) % 1440;
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function durationLabel(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60, parts = [];
    if (hours) parts.push(hours + " uur");
    if (rest || !hours) parts.push(rest + " " + (rest === 1 ? "minuut" : "minuten"));
    return parts.join(" en ");
  }

  function status(minutes, sourceMinutes) {
    if (sourceMinutes !== null && sourceMinutes !== undefined && minutes === sourceMinutes) return "volgens de bron";
    if (sourceMinutes !== null && sourceMinutes !== undefined) return "voorstel (de bron noemt " + sourceMinutes + " min.)";
    return "voorstel";
  }

  // ---- What a block refers to ----------------------------------------------------------------------------------

  function resolve(block) {
    var parts = block.ref.split("/"), info = { code: "", title: DATA.rollen[block.role], source: null, questions: [], url: "" };
    if (block.kind === "wk" && cards[parts[0]]) {
      var card = cards[parts[0]];
      info.code = card.code;
      info.url = SITE_ROOT + card.url;
      info.title = card.titel;
      info.source = card.bron_minuten;
      info.questions = [{ title: "", items: card.vragen }];
      if (parts[1]) {
        var variant = card.varianten.filter(function (v) { return v.anker === parts[1]; })[0];
        if (!variant) return null;
        info.title = card.titel + ": " + variant.titel;
        info.source = variant.bron_minuten;
        info.questions = [{ title: "", items: variant.vragen }];
        info.url += "#" + variant.anker;
      }
    } else if (block.kind === "sv" && fields[parts[0]]) {
      var sv = fields[parts[0]], audience = parts[1] || "";
      if (audience && !DATA.doelgroepen[audience]) return null;
      info.code = sv.code;
      info.url = SITE_ROOT + sv.url;
      info.title = "Reflectie: " + sv.titel + (audience ? " (voor " + DATA.doelgroepen[audience] + ")" : "");
      info.questions = sv.groepen.filter(function (group) {
        return !audience || group.doelgroepen.indexOf(audience) >= 0 || group.doelgroepen.indexOf("iedereen") >= 0;
      }).map(function (group) {
        return { title: "Voor " + group.doelgroepen.map(function (d) { return DATA.doelgroepen[d]; }).join(", "),
                 items: group.vragen };
      });
    } else if (block.kind !== "") {
      return null;
    }
    if (block.title) info.title = block.title;
    return info;
  }

  function rows() {
    var at = parseClock(state.start);
    return state.blocks.map(function (block) {
      var info = resolve(block);
      var row = { block: block, info: info, start: clock(at), end: clock(at + block.minutes),
                  status: status(block.minutes, info.source) };
      at += block.minutes;
      return row;
    });
  }

  // ---- The link: same format as kb.runsheet.encode_plan ---------------------------------------------------------

  function encodePlan() {
    var blocks = state.blocks.map(function (b) {
      return [encodeURIComponent(b.role), encodeURIComponent(b.kind), encodeURIComponent(b.ref), String(b.minutes),
              encodeURIComponent(b.title)].join(",");
    }).join(";");
    return "start=" + encodeURIComponent(state.start) + "&titel=" + encodeURIComponent(state.title) + "&blokken=" + blocks;
  }

  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return ""; }
  }

  function decodePlan(fragment) {
    var fields = {};
    fragment.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) fields[pair.slice(0, at)] = pair.slice(at + 1);
    });
    var start = decode(fields.start || "") || DEFAULT_START;
    if (parseClock(start) === null) start = DEFAULT_START;
    var blocks = [];
    (fields.blokken || "").split(";").forEach(function (raw) {
      if (!raw) return;
      var values = raw.split(",");
      if (values.length !== 5 || !/^[0-9]+$/.test(values[3])) return;
      var block = { role: decode(values[0]), kind: decode(values[1]), ref: decode(values[2]),
                    minutes: parseInt(values[3], 10), title: decode(values[4]) };
      if (ROLES.indexOf(block.role) < 0 || ["wk", "sv", ""].indexOf(block.kind) < 0) return;
      if (block.minutes < 1 || block.minutes > 600 || resolve(block) === null) return;
      blocks.push(block);
    });
    return { start: start, title: decode(fields.titel || ""), blocks: blocks };
  }

  // ---- Drawing ----------------------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function titleCell(row, withLink) {
    var cell = el("td");
    var text = (row.info.code ? row.info.code + " · " : "") + row.info.title;
    cell.appendChild(withLink && row.info.url ? el("a", { href: row.info.url, text: text }) : document.createTextNode(text));
    var label = DATA.rollen[row.block.role];
    if ((row.block.role === "opening" || row.block.role === "afsluiting") && row.info.title !== label) {
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(el("em", { text: "(" + label.toLowerCase() + ")" }));
    }
    return cell;
  }

  function drawRunSheet(all) {
    var body = document.querySelector("#dm-tijdschema tbody");
    body.textContent = "";
    all.forEach(function (row) {
      body.appendChild(el("tr", {}, [
        el("td", { text: row.start + "–" + row.end }), titleCell(row, true),
        el("td", { text: row.block.minutes + " min." }), el("td", { text: row.status })]));
    });
    var total = state.blocks.reduce(function (sum, b) { return sum + b.minutes; }, 0);
    document.getElementById("dm-totaal").textContent = all.length ?
      "Totaal: " + total + " minuten (" + durationLabel(total) + "), van " + all[0].start + " tot " +
      all[all.length - 1].end + "." : "";
    document.getElementById("dm-printtitel").textContent = state.title;
  }

  function button(text, label, onClick, disabled) {
    var node = el("button", { type: "button", className: "dm-knop", "aria-label": label, text: text });
    if (disabled) node.disabled = true;
    node.addEventListener("click", onClick);
    return node;
  }

  function drawPlan(all) {
    var list = document.getElementById("dm-plan");
    list.textContent = "";
    document.getElementById("dm-leeg").hidden = all.length > 0;
    all.forEach(function (row, index) {
      var number = index + 1, block = row.block;
      var minutes = el("input", { type: "number", min: "1", max: "600", value: String(block.minutes),
                                  id: "dm-blok-" + number + "-minuten", className: "dm-minuten" });
      minutes.addEventListener("input", function () {
        var value = parseInt(minutes.value, 10);
        if (value >= 1 && value <= 600) { block.minutes = value; update(false); }
      });
      var role = el("select", { id: "dm-blok-" + number + "-rol", className: "dm-rol" });
      ROLES.forEach(function (r) {
        var option = el("option", { value: r, text: DATA.rollen[r] });
        if (r === block.role) option.selected = true;
        role.appendChild(option);
      });
      role.addEventListener("change", function () { block.role = role.value; update(true); });
      var warning = null;
      if (row.info.source && block.minutes < row.info.source) {
        warning = el("p", { className: "dm-waarschuwing",
                            text: "De bron noemt " + row.info.source + " minuten; plan er minstens " + row.info.source + "." });
      }
      list.appendChild(el("li", { className: "dm-blok" }, [
        el("span", { className: "dm-tijd", text: row.start + "–" + row.end }),
        el("span", { className: "dm-titel", text: (row.info.code ? row.info.code + " · " : "") + row.info.title }),
        el("span", { className: "dm-bediening" }, [
          el("label", { "for": role.id, className: "dm-klein", text: "Soort" }), role,
          el("label", { "for": minutes.id, className: "dm-klein", text: "Minuten" }), minutes,
          button("↑", "Blok " + number + " omhoog", function () { move(index, -1); }, index === 0),
          button("↓", "Blok " + number + " omlaag", function () { move(index, 1); }, index === all.length - 1),
          button("✕", "Blok " + number + " verwijderen", function () { state.blocks.splice(index, 1); update(true); })
        ]),
        warning]));
    });
  }

  function drawNotes() {
    var notes = [], blocks = state.blocks;
    if (blocks.length && blocks[0].role !== "opening") notes.push("Begin met een opening.");
    if (blocks.length && blocks[blocks.length - 1].role !== "afsluiting") notes.push("Sluit af met een afsluiting.");
    var box = document.getElementById("dm-meldingen");
    box.textContent = "";
    notes.forEach(function (text) { box.appendChild(el("p", { className: "dm-waarschuwing", text: text })); });
  }

  function drawQuestions(all) {
    var box = document.getElementById("dm-vragen");
    box.textContent = "";
    all.forEach(function (row) {
      var groups = row.info.questions.filter(function (g) { return g.items.length; });
      if (!groups.length) return;
      var section = el("section", { className: "dm-blokvragen" }, [
        el("h3", { text: row.start + "–" + row.end + " · " + (row.info.code ? row.info.code + " · " : "") + row.info.title })]);
      groups.forEach(function (group) {
        if (group.title) section.appendChild(el("p", {}, [el("em", { text: group.title + ":" })]));
        section.appendChild(el("div", { className: "vragen" }, [
          el("ul", {}, group.items.map(function (q) { return el("li", { text: q }); }))]));
      });
      if (row.info.url) section.appendChild(el("p", { className: "dm-klein" }, [el("a", { href: row.info.url, text: "Lees de hele kaart" })]));
      box.appendChild(section);
    });
    document.getElementById("dm-vragen-kop").hidden = !box.childNodes.length;
  }

  function move(index, step) {
    var block = state.blocks.splice(index, 1)[0];
    state.blocks.splice(index + step, 0, block);
    update(true);
  }

  function update(redrawPlan) {
    var all = rows();
    if (redrawPlan) drawPlan(all);
    else {
      // Only the times and warnings change while typing minutes; keep the focus in the field.
      var items = document.querySelectorAll("#dm-plan .dm-tijd");
      all.forEach(function (row, i) { if (items[i]) items[i].textContent = row.start + "–" + row.end; });
    }
    drawRunSheet(all);
    drawNotes();
    drawQuestions(all);
    var hash = encodePlan();
    if (location.hash.replace(/^#/, "") !== hash) history.replaceState(null, "", "#" + hash);
    document.getElementById("dm-link").value = location.href;
    document.title = (state.title ? state.title + " – " : "") + "Draaiboekmaker";
  }

  function load(fragment) {
    state = decodePlan(fragment);
    document.getElementById("dm-titel").value = state.title;
    document.getElementById("dm-start").value = state.start;
    update(true);
  }

  // ---- The form ---------------------------------------------------------------------------------------------------

  function fillChoices() {
    var select = document.getElementById("dm-keuze");
    var fixed = el("optgroup", { label: "Vaste onderdelen" });
    [["opening", "Opening"], ["pauze", "Pauze"], ["afsluiting", "Afsluiting"], ["blok", "Eigen onderdeel (geef een titel)"]]
      .forEach(function (pair) { fixed.appendChild(el("option", { value: pair[0] + "||", text: pair[1] })); });
    select.appendChild(fixed);
    var cardGroup = el("optgroup", { label: "Werkkaarten" });
    DATA.werkkaarten.forEach(function (card) {
      cardGroup.appendChild(el("option", { value: "blok|wk|" + card.id, text: card.code + " " + card.titel }));
      card.varianten.forEach(function (v) {
        cardGroup.appendChild(el("option", { value: "blok|wk|" + card.id + "/" + v.anker,
                                             text: card.code + " " + card.titel + " – " + v.titel }));
      });
    });
    select.appendChild(cardGroup);
    var fieldGroup = el("optgroup", { label: "Spanningsvelden (reflectiemoment)" });
    DATA.spanningsvelden.forEach(function (sv) {
      fieldGroup.appendChild(el("option", { value: "blok|sv|" + sv.id, text: sv.code + " " + sv.titel }));
      var audiences = [];
      sv.groepen.forEach(function (g) {
        g.doelgroepen.forEach(function (d) { if (d !== "iedereen" && audiences.indexOf(d) < 0) audiences.push(d); });
      });
      audiences.forEach(function (d) {
        fieldGroup.appendChild(el("option", { value: "blok|sv|" + sv.id + "/" + d,
                                              text: sv.code + " " + sv.titel + " – vragen voor " + DATA.doelgroepen[d] }));
      });
    });
    select.appendChild(fieldGroup);

    var examples = document.getElementById("dm-voorbeeld");
    DATA.draaiboeken.forEach(function (d) { examples.appendChild(el("option", { value: d.plan, text: d.titel })); });
    examples.addEventListener("change", function () { if (examples.value) load(examples.value); });
  }

  function chosenBlock() {
    var parts = document.getElementById("dm-keuze").value.split("|");
    return { role: parts[0], kind: parts[1], ref: parts[2], title: document.getElementById("dm-eigen-titel").value.trim(),
             minutes: parseInt(document.getElementById("dm-minuten").value, 10) };
  }

  function showChoice() {
    var block = chosenBlock(), info = resolve(block), note = document.getElementById("dm-keuze-bron");
    if (info && info.source) {
      document.getElementById("dm-minuten").value = String(info.source);
      note.textContent = "De bron noemt " + info.source + " minuten voor deze werkvorm.";
    } else {
      note.textContent = "";
    }
  }

  function add() {
    var block = chosenBlock(), note = document.getElementById("dm-keuze-bron");
    if (!(block.minutes >= 1 && block.minutes <= 600)) { note.textContent = "Vul een aantal minuten in (1 tot 600)."; return; }
    if (block.role === "blok" && block.kind === "" && !block.title) { note.textContent = "Geef het eigen onderdeel een titel."; return; }
    state.blocks.push(block);
    document.getElementById("dm-eigen-titel").value = "";
    update(true);
  }

  function copyLink() {
    var field = document.getElementById("dm-link"), statusNode = document.getElementById("dm-kopieer-status");
    field.select();
    var done = function () { statusNode.textContent = "Link gekopieerd."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { statusNode.textContent = "Kopieer de link hierboven zelf."; });
    } else {
      statusNode.textContent = document.execCommand("copy") ? "Link gekopieerd." : "Kopieer de link hierboven zelf.";
    }
  }

  fillChoices();
  document.querySelectorAll("#dm-app form").forEach(function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });
  document.getElementById("dm-keuze").addEventListener("change", showChoice);
  document.getElementById("dm-voeg-toe").addEventListener("click", add);
  document.getElementById("dm-titel").addEventListener("input", function (e) { state.title = e.target.value; update(false); });
  document.getElementById("dm-start").addEventListener("input", function (e) {
    if (parseClock(e.target.value) !== null) { state.start = e.target.value; update(true); }
  });
  document.getElementById("dm-kopieer").addEventListener("click", copyLink);
  document.getElementById("dm-print").addEventListener("click", function () { window.print(); });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") !== encodePlan()) load(location.hash);
  });
  root.hidden = false;
  load(location.hash);
})();
