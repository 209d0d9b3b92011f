// Data-entry page: live percentage, Tab moving down a column, year switch, unsaved-changes guard.
// An ES module: numbers are read and shown by the rule the server uses (static/js/numbers.js).
import { formatNumber, parseNumber } from "./numbers.js";

(function () {
  const form = document.getElementById("entry-form");
  if (!form) return;

  form.querySelectorAll("[data-ratio]").forEach(function (box) {
    const inputs = box.querySelectorAll("input.num-input");
    const out = box.querySelector("[data-computed]");
    const cap = box.dataset.cap === "1";
    function update() {
      const n = parseNumber(inputs[0].value);
      const d = parseNumber(inputs[1].value);
      out.classList.remove("error");
      if (n === null || d === null) { out.textContent = ""; return; }
      if (Number.isNaN(n) || Number.isNaN(d) || d <= 0) { out.textContent = "?"; out.classList.add("error"); return; }
      const pct = (100 * n) / d;
      // Shown as the server will store it: rounded to two decimals, no padding.
      out.textContent = formatNumber(pct, 2, true);
      if (n > d || (cap && pct > 100)) out.classList.add("error");
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  });

  const COLUMNS = ["value", "numerator", "denominator", "source", "note", "progress", "narrative"];
  // Tab moves down the column: the same field of the next row; Shift+Tab moves up.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
    const field = event.target;
    if (!field.name || !field.closest(".entry-row")) return;
    const column = field.name.split("-").pop();
    if (!COLUMNS.includes(column)) return;
    const all = Array.from(form.querySelectorAll(".entry-row [name$='-" + column + "']"))
      .filter(function (el) { return !el.disabled && !el.readOnly && el.offsetParent !== null; });
    const next = all[all.indexOf(field) + (event.shiftKey ? -1 : 1)];
    if (next) { event.preventDefault(); next.focus(); if (next.select) next.select(); }
  });

  // The approver's select all / none: ticks every box of the sheet or none.
  const selectTools = form.querySelector("[data-select-tools]");
  if (selectTools) {
    selectTools.hidden = false;
    selectTools.addEventListener("click", function (event) {
      const button = event.target.closest("[data-select]");
      if (!button) return;
      const tick = button.dataset.select === "all";
      form.querySelectorAll("input[name=selected]").forEach(function (box) { box.checked = tick; });
    });
  }

  const yearSelect = document.querySelector("[data-year-switch] select");
  if (yearSelect) {
    yearSelect.addEventListener("change", function () {
      window.location.href = yearSelect.dataset.baseUrl + yearSelect.value + "/";
    });
  }

  // A copy of what was typed stays in this browser until the server confirms a save, so an
  // expired session or a closed tab loses nothing: the next visit offers to put it back.
  const storeKey = "entry-draft:" + window.location.pathname;
  const saved = document.querySelector(".message-success");
  if (saved) window.localStorage.removeItem(storeKey);
  const editable = function () {
    return Array.from(form.querySelectorAll("input[type=text], textarea, select"))
      .filter(function (el) { return !el.disabled && !el.readOnly && el.name && el.form === form; });
  };
  let pending = null;
  try { pending = JSON.parse(window.localStorage.getItem(storeKey) || "null"); } catch (e) { pending = null; }
  const differs = pending && editable().some(function (el) {
    return Object.prototype.hasOwnProperty.call(pending, el.name) && pending[el.name] !== el.value;
  });
  const banner = document.getElementById("restore-banner");
  if (differs && banner) {
    banner.hidden = false;
    banner.querySelector("[data-restore]").addEventListener("click", function () {
      editable().forEach(function (el) {
        if (Object.prototype.hasOwnProperty.call(pending, el.name)) {
          el.value = pending[el.name];
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      banner.hidden = true;
    });
    banner.querySelector("[data-discard]").addEventListener("click", function () {
      window.localStorage.removeItem(storeKey);
      banner.hidden = true;
    });
  }

  let dirty = false;
  form.addEventListener("input", function () {
    dirty = true;
    const values = {};
    editable().forEach(function (el) { values[el.name] = el.value; });
    try { window.localStorage.setItem(storeKey, JSON.stringify(values)); } catch (e) { /* storage full or blocked */ }
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
