"""Putting user-supplied text into Streamlit's Markdown elements safely.

`st.info`, `st.caption`, `st.markdown`, titles, widget / expander / tab labels and `st.Page`
titles render Markdown (never raw HTML unless `unsafe_allow_html`, which this app does not use
with data). Names of OPDs, indicators, bands, files or users come from uploads and the admin, so
they go through `md()` before they enter Markdown: a name such as `[klik](http://…)`,
`![x](http://…/img.png)` or `**x**` is shown literally instead of becoming a link, an image
fetched by the browser or bold text.

Backslash escapes alone do not stop GFM autolinks: Streamlit's Markdown turns `http://x.y`,
`www.x.y` and `a@b.co` into links after the escapes are resolved (a transform on the plain
text). `md()` therefore also puts an invisible WORD JOINER (U+2060) after every `:`, between
`www` and its `.` and after every `@`; the visible text is unchanged, and Streamlit's `:emoji:`
and `:material/icon:` shortcodes stay literal too.
"""

from __future__ import annotations

import re

# every ASCII character with a meaning somewhere in (GitHub-flavoured, Streamlit) Markdown; `=`
# only underlines a heading on a line of its own (line breaks become spaces), `&` only matters
# before an entity name
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # `&lt;` stays `&lt;` on screen
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
WORD_JOINER = "\u2060"
_AUTOLINK_WWW = re.compile(r"(?i)(www)(?=\\\.)")  # after escaping: `www\.`


def md(text: object) -> str:
    """`text` shown literally in any Markdown element: every Markdown-significant character
    backslash-escaped, autolinks and shortcodes broken by an invisible word joiner, line breaks
    as spaces (so a name cannot start a heading, list or new block)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = escaped.replace(":", ":" + WORD_JOINER).replace("@", "@" + WORD_JOINER)
    return _AUTOLINK_WWW.sub(r"\1" + WORD_JOINER, escaped)


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def nama_triwulan(triwulan: int) -> str:
    """3 -> "Triwulan III"."""
    return f"Triwulan {ROMAWI.get(triwulan, str(triwulan))}"
