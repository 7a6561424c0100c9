// Draaiboekmaker: build a session plan from werkkaarten and spanningsvelden, see the run-sheet, print and share it.
// Every run-sheet rule and every word of the run-sheet come from the page's data (DATA.regels, made by
// kb/sessies/rules.py, which the generator of the draaiboeken uses too); this file only computes with them.
// tests/browser/test_draaiboekmaker.py checks that both give the same run-sheet for the same plans.
// No server and no fetch: the data is inline in the page (#draaiboek-blokken), so this also works from file://.
(function () {
  "use strict";

  var dataNode = document.getElementById("draaiboek-blokken");
  var root = document.getElementById("dm-app");
  if (!dataNode || !root) return;
  var DATA = JSON.parse(dataNode.textContent);
  var RULES = DATA.regels, WORDS = RULES.teksten, ROLE_LABELS = RULES.rollen, ROLES = Object.keys(ROLE_LABELS);
  var MIN_MINUTES = RULES.minuten.minimaal, MAX_MINUTES = RULES.minuten.maximaal, CLOCK = new RegExp(RULES.tijdpatroon);
  var SITE_ROOT = "../"; // this page lives in draaiboeken/

  var cards = {};
  DATA.werkkaarten.forEach(function (card) { cards[card.id] = card; });
  var fields = {};
  DATA.spanningsvelden.forEach(function (sv) { fields[sv.id] = sv; });

  var state = { start: RULES.begintijd, title: "", blocks: [] };

  // ---- Run-sheet rules: the computation of kb/sessies/rules.py with its data ----------------------------------

  // "{minuten} min." with { minuten: 5 } -> "5 min." (Python's str.format does the same with the same texts)
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return String(values[key]); });
  }

  function parseClock(text) {
    var match = CLOCK.exec(text || "");
    return match ? parseInt(match[1], 10) * 60 + parseInt(match[2], 10) : null;
  }

  // What someone types as a start time, on a 24-hour clock: "9:30", "09.30" or "930" (a numeric keypad has no
  // colon) -> "09:30"; anything else -> null. Not <input type=time>: that follows the browser's language (AM/PM).
  function typedClock(text) {
    var match = /^\s*([0-9]{1,2})[:.]?([0-9]{2})\s*$/.exec(text || "");
    var written = match ? (match[1].length === 1 ? "0" : "") + match[1] + ":" + match[2] : "";
    return parseClock(written) === null ? null : written;
  }

  function clock(minutes) {
    minutes = ((minutes % 1440) + 1440) % 1440;
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function durationLabel(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    var hoursText = fill(WORDS.uren, { uren: hours });
    var restText = fill(rest === 1 ? WORDS.minuut : WORDS.minuten, { minuten: rest });
    if (hours && rest) return fill(WORDS.duur_samen, { uren: hoursText, minuten: restText });
    return hours ? hoursText : restText;
  }

  function status(minutes, sourceMinutes) {
    if (sourceMinutes !== null && sourceMinutes !== undefined && minutes === sourceMinutes) return WORDS.volgens_de_bron;
    if (sourceMinutes !== null && sourceMinutes !== undefined) return fill(WORDS.voorstel_met_bron, { bron: sourceMinutes });
    return WORDS.voorstel;
  }

  function roleNote(role, title) {
    var label = ROLE_LABELS[role];
    return RULES.rollen_met_naam_na_titel.indexOf(role) >= 0 && title !== label ?
      fill(WORDS.rol_na_titel, { rol: label.toLowerCase() }) : "";
  }

  function timeText(row) { return fill(WORDS.tijd, { begin: row.start, eind: row.end }); }

  function titleText(info) { return info.code ? fill(WORDS.code_en_titel, { code: info.code, titel: info.title }) : info.title; }

  // ---- What a block refers to ----------------------------------------------------------------------------------

  function resolve(block) {
    var parts = block.ref.split("/"),
        info = { code: "", title: ROLE_LABELS[block.role], source: null, questions: [], url: "", pdf: "", name: "" };
    if (block.kind === "wk" && cards[parts[0]]) {
      var card = cards[parts[0]];
      info.code = card.code;
      info.url = SITE_ROOT + card.url;
      info.pdf = SITE_ROOT + card.kaart_pdf;
      info.name = card.titel;
      info.title = card.titel;
      info.source = card.bron_minuten;
      info.questions = [{ title: "", items: card.vragen }];
      if (parts[1]) {
        var variant = card.varianten.filter(function (v) { return v.anker === parts[1]; })[0];
        if (!variant) return null;
        info.title = fill(WORDS.variant_titel, { werkkaart: card.titel, variant: variant.titel });
        info.source = variant.bron_minuten;
        info.questions = [{ title: "", items: variant.vragen }];
        info.url += "#" + variant.anker;
      }
    } else if (block.kind === "sv" && fields[parts[0]]) {
      var sv = fields[parts[0]], audience = parts[1] || "";
      if (audience && !DATA.doelgroepen[audience]) return null;
      info.code = sv.code;
      info.url = SITE_ROOT + sv.url;
      info.pdf = SITE_ROOT + sv.kaart_pdf;
      info.name = sv.titel;
      info.title = audience ?
        fill(WORDS.reflectie_titel_doelgroep, { spanningsveld: sv.titel, doelgroep: DATA.doelgroepen[audience] }) :
        fill(WORDS.reflectie_titel, { spanningsveld: sv.titel });
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

  // ---- The link: same format as kb.sessies.rules.encode_plan --------------------------------------------------

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
    var start = decode(fields.start || "") || RULES.begintijd;
    if (parseClock(start) === null) start = RULES.begintijd;
    var blocks = [];
    (fields.blokken || "").split(";").forEach(function (raw) {
      if (!raw) return;
      var values = raw.split(",");
      if (values.length !== 5 || !/^[0-9]+$/.test(values[3])) return;
      var block = { role: decode(values[0]), kind: decode(values[1]), ref: decode(values[2]),
                    minutes: parseInt(values[3], 10), title: decode(values[4]) };
      if (ROLES.indexOf(block.role) < 0 || RULES.soorten.indexOf(block.kind) < 0) return;
      if (block.minutes < MIN_MINUTES || block.minutes > MAX_MINUTES || resolve(block) === null) return;
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
    var text = titleText(row.info), note = roleNote(row.block.role, row.info.title);
    cell.appendChild(withLink && row.info.url ? el("a", { href: row.info.url, text: text }) : document.createTextNode(text));
    if (note) {
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(el("em", { text: note }));
    }
    return cell;
  }

  function drawRunSheet(all) {
    var body = document.querySelector("#dm-tijdschema tbody");
    body.textContent = "";
    all.forEach(function (row) {
      body.appendChild(el("tr", {}, [
        el("td", { text: timeText(row) }), titleCell(row, true),
        el("td", { text: fill(WORDS.duur, { minuten: row.block.minutes }) }), el("td", { text: row.status })]));
    });
    var total = state.blocks.reduce(function (sum, b) { return sum + b.minutes; }, 0);
    document.getElementById("dm-totaal").textContent = all.length ? fill(WORDS.totaal, {
      minuten: total, duur: durationLabel(total), begin: all[0].start, eind: all[all.length - 1].end }) : "";
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
      var minutes = el("input", { type: "number", min: String(MIN_MINUTES), max: String(MAX_MINUTES), value: String(block.minutes),
                                  id: "dm-blok-" + number + "-minuten", className: "dm-minuten" });
      minutes.addEventListener("input", function () {
        var value = parseInt(minutes.value, 10);
        if (value >= MIN_MINUTES && value <= MAX_MINUTES) { block.minutes = value; update(false); }
      });
      var role = el("select", { id: "dm-blok-" + number + "-rol", className: "dm-rol" });
      ROLES.forEach(function (r) {
        var option = el("option", { value: r, text: ROLE_LABELS[r] });
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
        el("span", { className: "dm-tijd", text: timeText(row) }),
        el("span", { className: "dm-titel", text: titleText(row.info) }),
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
        el("h3", { text: timeText(row) + " · " + titleText(row.info) })]);
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

  // Every werkkaart and spanningsveld of the plan once, in plan order, with its card as a PDF to print at home.
  function drawCards(all) {
    var list = document.getElementById("dm-kaarten"), seen = {};
    list.textContent = "";
    all.forEach(function (row) {
      if (!row.info.pdf || seen[row.info.pdf]) return;
      seen[row.info.pdf] = true;
      list.appendChild(el("li", {}, [el("a", { href: row.info.pdf, text: row.info.code + " · " + row.info.name + " (PDF)" })]));
    });
    document.getElementById("dm-kaarten-blok").hidden = !list.childNodes.length;
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
      all.forEach(function (row, i) { if (items[i]) items[i].textContent = timeText(row); });
    }
    drawRunSheet(all);
    drawNotes();
    drawQuestions(all);
    drawCards(all);
    var hash = encodePlan();
    if (location.hash.replace(/^#/, "") !== hash) history.replaceState(null, "", "#" + hash);
    document.getElementById("dm-link").value = location.href;
    document.title = (state.title ? state.title + " – " : "") + "Draaiboekmaker";
  }

  function load(fragment) {
    state = decodePlan(fragment);
    document.getElementById("dm-titel").value = state.title;
    startField.value = state.start;
    checkStart(true);  // a loaded plan always has a valid start: clear an old message
    update(true);
  }

  // ---- The form ---------------------------------------------------------------------------------------------------

  function fillChoices() {
    var select = document.getElementById("dm-keuze");
    var fixed = el("optgroup", { label: "Vaste onderdelen" });
    [["opening", ROLE_LABELS.opening], ["pauze", ROLE_LABELS.pauze], ["afsluiting", ROLE_LABELS.afsluiting],
     ["blok", "Eigen onderdeel (geef een titel)"]]
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
    examples.addEventListener("change", function () {
      if (!examples.value) return;
      // Never replace a plan someone built without asking.
      var title = examples.options[examples.selectedIndex].text;
      if (state.blocks.length && !window.confirm("Je plan heeft al " + state.blocks.length + " blokken. " +
          "Wil je het vervangen door het draaiboek '" + title + "'? Wat je gemaakt hebt, gaat dan verloren.")) {
        examples.value = "";
        return;
      }
      load(examples.value);
    });
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
    if (!(block.minutes >= MIN_MINUTES && block.minutes <= MAX_MINUTES)) {
      note.textContent = "Vul een aantal minuten in (" + MIN_MINUTES + " tot " + MAX_MINUTES + ").";
      return;
    }
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
  var minutesField = document.getElementById("dm-minuten");
  minutesField.min = String(MIN_MINUTES);
  minutesField.max = String(MAX_MINUTES);
  document.querySelectorAll("#dm-app form").forEach(function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });
  document.getElementById("dm-keuze").addEventListener("change", showChoice);
  document.getElementById("dm-voeg-toe").addEventListener("click", add);
  document.getElementById("dm-titel").addEventListener("input", function (e) { state.title = e.target.value; update(false); });
  var startField = document.getElementById("dm-start"), startError = document.getElementById("dm-start-fout");
  // Check the start time: while typing only take a valid time and clear the message; when leaving the field
  // (show) also say in Dutch what is wrong. The browser's own message would follow its language, so set ours.
  function checkStart(show) {
    var typed = typedClock(startField.value);
    var message = typed ? "" : startField.value.trim() ?
      "Geen geldige tijd. Schrijf de begintijd als uu:mm op de 24-uursklok, van 00:00 tot 23:59, bijvoorbeeld 09:30." :
      "Vul een begintijd in als uu:mm, bijvoorbeeld 09:30.";
    startField.setCustomValidity(message);
    if (show || typed) {
      startError.textContent = message;
      if (message) startField.setAttribute("aria-invalid", "true"); else startField.removeAttribute("aria-invalid");
    }
    if (typed && typed !== state.start) { state.start = typed; update(true); }
    return typed;
  }
  startField.addEventListener("input", function () { checkStart(false); });
  startField.addEventListener("change", function () {
    if (checkStart(true)) startField.value = state.start;  // "930" -> "09:30"
  });
  document.getElementById("dm-kopieer").addEventListener("click", copyLink);
  document.getElementById("dm-print").addEventListener("click", function () { window.print(); });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") !== encodePlan()) load(location.hash);
  });
  root.hidden = false;
  load(location.hash);
})();
