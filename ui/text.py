"""Putting user-supplied text into Streamlit's Markdown elements safely.

`st.info`, `st.caption`, `st.markdown` and friends render Markdown (never raw HTML unless
`unsafe_allow_html`, which this app does not use with data). Names of OPDs, bands or users come
from uploads and the admin, so they are escaped before they enter Markdown: a name such as
`[klik](http://…)` or `**x**` is shown literally instead of becoming a link or bold text.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """`text` with every Markdown-significant character backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def nama_triwulan(triwulan: int) -> str:
    """3 -> "Triwulan III"."""
    return f"Triwulan {ROMAWI.get(triwulan, str(triwulan))}"
