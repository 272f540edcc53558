"""The Rapim leaderboard as a projector-sized table whose rows open the OPD's detail.

`st.table` gives large type but no clicks; `st.dataframe` gives clicks but small canvas type.
This Streamlit v2 component draws the table in the page itself (no iframe, no network) with the
look of the old `st.table` leaderboard and sends the OPD code of a clicked row (or of the OPD
button in it, by keyboard) back to Python as the trigger value `opd`.

Safety: every cell is written with `textContent`, never `innerHTML`, so OPD names and any other
user text can never become markup. Colours are passed only after `_HEX` validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

CSS = """
:host { display: block; width: 100%; }
table { width: 100%; border-collapse: collapse; font-family: var(--st-font, sans-serif);
        color: var(--st-text-color, #1b2431); }
th { text-align: left; font-weight: 600; background: #e8edf6; padding: 4px 10px;
     border-bottom: 1px solid #d5dbe5; white-space: nowrap; }
td { padding: 3px 10px; border-bottom: 1px solid #e4e8ef; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.b { font-weight: 700; }
table.compact td { padding: 2px 6px; line-height: 1.3; }
table.compact th { padding: 3px 6px; }
/* presentation on a narrow screen (1024 px): long OPD names wrap rather than push the table
   out of its half; the other cells keep one line */
table.compact td.opd { white-space: normal; overflow-wrap: break-word; }
@media (max-width: 1279px) {
  table.compact td, table.compact th { padding-left: 4px; padding-right: 4px; }
}
tr.late td { background: #fdecea; }
tr.late td.lapor { color: #b3261e; font-weight: 700; }
tbody tr.click { cursor: pointer; }
td button { all: unset; cursor: pointer; font-weight: 700; }
td button:focus-visible { outline: 3px solid #1e40af; outline-offset: 2px; border-radius: 2px; }
tbody tr.click:hover td, tbody tr.click:focus-within td {
  box-shadow: inset 0 0 0 9999px rgba(30, 64, 175, .08); }
tr.sel td { box-shadow: inset 0 0 0 9999px rgba(30, 64, 175, .14); }
tr.sel td:first-child { border-left: 6px solid #1e40af; }
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  // keep keyboard focus across the rerun a click causes (the table is drawn anew)
  const focused = parentElement.activeElement?.closest?.("tr")?.dataset.kode;
  parentElement.querySelectorAll("table").forEach((t) => t.remove());
  const table = document.createElement("table");
  table.setAttribute("aria-label", data.caption);
  table.style.fontSize = data.size;
  if (data.compact) table.className = "compact";
  const head = table.createTHead().insertRow();
  data.columns.forEach((name, i) => {
    const th = document.createElement("th");
    th.textContent = name;
    th.scope = "col";
    th.style.fontSize = data.header_size;
    if (data.numeric.includes(i)) th.className = "num";
    head.appendChild(th);
  });
  const body = table.createTBody();
  data.rows.forEach((row) => {
    const tr = body.insertRow();
    tr.dataset.kode = row.kode;
    if (row.late) tr.classList.add("late");
    if (row.kode === data.selected) {
      tr.classList.add("sel");
      tr.setAttribute("aria-current", "true");
    }
    row.cells.forEach((cell, i) => {
      const td = tr.insertCell();
      if (cell.cls) td.className = cell.cls;
      if (i === data.name_column) td.classList.add("opd");
      if (cell.bg) td.style.backgroundColor = cell.bg;
      if (cell.fg) td.style.color = cell.fg;
      if (data.clickable && i === data.name_column) {
        // a real button in the OPD cell: reachable by Tab, read out by screen readers,
        // while the row keeps its cells; a click anywhere on the row does the same
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = cell.text;
        button.title = "Buka rincian " + row.name;
        button.addEventListener("keydown", (e) => { if (e.repeat) e.preventDefault(); });
        td.appendChild(button);
      } else {
        td.textContent = cell.text;
      }
    });
    if (data.clickable) {
      tr.classList.add("click");
      tr.addEventListener("click", () => setTriggerValue("opd", row.kode));
    }
  });
  parentElement.appendChild(table);
  if (focused) table.querySelector(`tr[data-kode="${CSS.escape(focused)}"] button`)?.focus();
}
"""

_mount = st.components.v2.component("sakip_rapim_peringkat", css=CSS, js=JS)


def mount(payload: dict[str, Any], key: str, on_open: Callable[[], None] | None) -> None:
    """Draw the table; with `on_open`, a click on a row reruns the app and calls it first."""
    if on_open is None:
        _mount(data=payload, key=key)
    else:
        _mount(data=payload, key=key, on_opd_change=on_open)
