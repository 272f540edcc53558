"""Text from the data inside Plotly figures, shown literally.

Plotly reads a subset of HTML in every text it draws (trace and legend names, tick labels,
hover text, annotations, titles): `<b>`, `<i>`, `<br>`, `<a href>`, `<span style>`… and decodes
the entities `&lt;`, `&gt;`, `&amp;` and numeric ones. An OPD, indicator or sasaran name comes
from uploads, so every such text goes through `chart_text` before it enters a figure: `<`, `>`
and `&` become entities and Plotly shows the name exactly as typed, never as markup or a link.

Only those three characters are escaped (Plotly does not decode `&quot;`, so quotes stay as
they are), plus the `%` of a `%{`, which a `hovertemplate` would read as a placeholder: plotly
express copies group names into its templates, so `%{` becomes `&#37;{`, shown as `%{`. Our own
templates refer to the escaped values (`%{y}`, `%{fullData.name}`), never to raw data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def chart_text(value: object) -> str:
    """`value` as text Plotly shows literally (missing values: an empty text)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value).translate(_ENTITIES).replace("%{", "&#37;{")


def chart_texts(values: Iterable[object]) -> list[str]:
    """`chart_text` of each value (a Series, an Index, a list)."""
    return [chart_text(v) for v in values]


def short_text(value: object, width: int = 28) -> str:
    """`value` cut at a word to at most `width` characters with "…" (then `chart_text`), for a
    tick label that must not push the plot aside; the full name goes in the hover text."""
    text = "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)
    if len(text) > width:
        cut = text[: width - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut[width // 2 :] else cut).rstrip(" ,.-") + "…"
    return chart_text(text)


def category_ticks(values: Iterable[object], width: int = 28) -> dict[str, object]:
    """Axis settings that label every category (Plotly skips labels when they crowd) with the
    shortened text; `values` are the raw names the trace uses (escaped here as in the trace)."""
    raw = list(dict.fromkeys(values))
    return {
        "tickmode": "array",
        "tickvals": chart_texts(raw),
        "ticktext": [short_text(v, width) for v in raw],
        "automargin": True,
    }


def count_ticks(maximum: object) -> dict[str, object]:
    """Axis settings for a count (indicators, cases): whole-number ticks only (1, 2, 5, 10, 20,
    … apart, about eight of them), thousands with a dot, from 0."""
    top = float(maximum) if maximum is not None and not pd.isna(maximum) else 0.0
    step = 1
    while top / step > 8:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return {"tick0": 0, "dtick": step, "tickformat": ",d", "rangemode": "tozero"}


def indonesian(fig: Any) -> Any:
    """A plotly figure in Indonesian number format (`1.234,5` on axes and in hover text) whose
    margins grow to fit its tick labels, so none is cut."""
    fig.update_layout(separators=",.")
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig
