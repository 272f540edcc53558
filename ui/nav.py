"""The page registry: one line per page. app.py builds the menu from it.

`roles` is who sees the page in the menu (None: every logged-in user). The menu is only a
convenience: each page still enforces access itself at its top (`ui.session.require_login`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url_path: str
    roles: frozenset[str] | None = None


EVERYONE_BUT_OPERATOR = frozenset({"admin", "pimpinan", "analis", "verifikator"})

PAGES: list[PageSpec] = [
    PageSpec("pages/beranda.py", "Beranda", ":material/leaderboard:", "beranda"),
]


def visible_for(spec: PageSpec, peran: str | None) -> bool:
    if peran is None:
        return False
    return spec.roles is None or peran in spec.roles
