"""Bring a keyed Streamlit container into view once: a tiny v2 component with no visible part.

Mount it in the run that made the container appear (e.g. the OPD detail a click on the Rapim
board just opened, far below the row clicked); later reruns do not mount it, so the reader's
own scrolling is left alone. The target is found by the class Streamlit gives a keyed element
(`st-key-<key>`); nothing is sent back to Python.
"""

from __future__ import annotations

import streamlit as st

JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.target) return;
  const selector = "." + CSS.escape("st-key-" + data.target);
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const go = (tries) => {
    const el = document.querySelector(selector);
    if (el) {
      // below the fixed top bar (the navigation), not behind it
      const bar = document.querySelector('[data-testid="stHeader"]');
      el.style.scrollMarginTop = `${(bar ? bar.getBoundingClientRect().bottom : 0) + 8}px`;
      el.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
    }
    else if (tries > 0) setTimeout(() => go(tries - 1), 100);
  };
  requestAnimationFrame(() => go(30));  // the container may still be arriving
}
"""

_mount = st.components.v2.component("sakip_gulir_ke", js=JS)


def scroll_to(container_key: str, nonce: str) -> None:
    """Scroll the container with key `container_key` to the top of the window; `nonce` (e.g.
    the OPD code) makes a new target a new mount, so its script runs again."""
    _mount(data={"target": container_key, "nonce": nonce}, key=f"gulir_{container_key}_{nonce}")
