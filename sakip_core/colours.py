"""Colour helpers shared by the pages and the documents (no Streamlit here)."""

from __future__ import annotations

DARK_TEXT, LIGHT_TEXT = "#1b2431", "#ffffff"


def text_colour(background: str) -> str:
    """Dark or white text, whichever contrasts more with `background` (WCAG luminance)."""
    hexa = background.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    channels = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return DARK_TEXT if luminance > 0.179 else LIGHT_TEXT
