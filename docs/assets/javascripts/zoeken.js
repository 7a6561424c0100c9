/* Zoeken zoals Nederlanders vragen (kb/site/search_index.py beschrijft de index).
 *
 * Material's zoekfunctie zoekt elk woord van de vraag als begin van een woord, ook 'de' en 'van': bij 'droom van de
 * jongere' kwamen pagina's met 'Delden' en 'derde' bovenaan. Dit script zit tussen de zoekbox en Material's
 * web worker (het wordt vóór Material's bundle geladen, ook vanaf file:// waar de worker een iframe is):
 * - het zet de woordnummers van de index (config.woordenlijst) terug in woorden voor de worker de index bouwt;
 * - het haalt Nederlandse stopwoorden (uit de index, kb/model/vocabulary.py) en leestekens uit de vraag, en zoekt
 *   elk woord als begin van een woord én, zwaarder, als heel woord ('pas' boven 'passende');
 * - in de uitkomst staan pagina's die alle overgebleven zoekwoorden bevatten eerst, dan die met de meeste;
 *   binnen die groepen blijft Material's volgorde (titel en trefwoorden wegen zwaarder dan de tekst).
 */
(function () {
  "use strict";
  var Native = window.Worker;
  if (typeof Native !== "function" || typeof EventTarget !== "function") return;
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var SEPARATOR = /[\s\-,:;!?()[\]"“”‘’\/….+*~^]+/;
  var EXACT = 4;  // extra weight of a whole-word match
  var FIELDS = ["trefwoorden", "woorden"];

  function decode(data) {
    var words = data.config.woordenlijst;
    if (!words) return data;
    var config = Object.assign({}, data.config);
    delete config.woordenlijst;
    delete config.stopwoorden;
    var docs = data.docs.map(function (doc) {
      var copy = Object.assign({}, doc);
      FIELDS.forEach(function (field) {
        if (typeof doc[field] !== "string") return;
        var at = -1;
        copy[field] = doc[field].split(" ").filter(Boolean).map(function (gap) {
          at += parseInt(gap, 36) + 1;
          return words[at];
        }).join(" ");
      });
      return copy;
    });
    return Object.assign({}, data, { config: config, docs: docs });
  }

  function matched(group, terms) {
    var found = new Set();
    group.forEach(function (item) {
      Object.keys(item.terms || {}).forEach(function (term) {
        if (item.terms[term]) found.add(term);
      });
    });
    return terms.filter(function (term) { return found.has(term); }).length;
  }

  function rank(result, terms) {
    if (!result || !result.items || terms.length < 2) return result;
    var counted = result.items.map(function (group, i) {
      return { group: group, count: matched(group, terms), i: i };
    });
    counted.sort(function (a, b) { return b.count - a.count || a.i - b.i; });
    return Object.assign({}, result, { items: counted.map(function (c) { return c.group; }) });
  }

  class SearchWorker extends EventTarget {
    constructor(url, options) {
      super();
      var self = this;
      this.worker = new Native(url, options);
      this.stopWords = new Set();
      this.pending = [];
      this.onmessage = null;
      this.onerror = null;
      this.worker.addEventListener("message", function (ev) {
        var data = ev.data;
        if (data && data.type === RESULT) data = { type: RESULT, data: rank(data.data, self.pending.shift() || []) };
        var event = new MessageEvent("message", { data: data });
        self.dispatchEvent(event);
        if (self.onmessage) self.onmessage(event);
      });
      this.worker.addEventListener("error", function (ev) {
        self.dispatchEvent(new ErrorEvent("error", ev));
        if (self.onerror) self.onerror(ev);
      });
    }

    terms(query) {
      var stopWords = this.stopWords, seen = new Set();
      return String(query).toLowerCase().split(SEPARATOR).filter(function (term) {
        if (!term || stopWords.has(term) || seen.has(term)) return false;
        seen.add(term);
        return true;
      });
    }

    postMessage(message, transfer) {
      if (message && message.type === SETUP) {
        (message.data.config.stopwoorden || []).forEach(function (word) { this.stopWords.add(word); }, this);
        message = { type: SETUP, data: decode(message.data) };
      } else if (message && message.type === QUERY) {
        var terms = this.terms(message.data);
        this.pending.push(terms);
        message = { type: QUERY, data: terms.map(function (t) { return t + "^" + EXACT + " " + t + "*"; }).join(" ") };
      }
      this.worker.postMessage(message, transfer);
    }

    terminate() {
      this.worker.terminate();
    }
  }

  window.Worker = function (url, options) {
    return /\/workers\/search\.[^/]*\.js/.test(String(url)) ? new SearchWorker(url, options) : new Native(url, options);
  };
})();
