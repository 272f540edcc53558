"""Data is escaped the same way in every renderer.

- Plotly (Rapim and explorer figures): names are shown literally, never read as `<a href>`/`<b>`
  markup nor as a `%{…}` template placeholder.
- Markdown (`ui.text.md`): no link, image, emphasis, heading, GFM autolink or shortcode from data.
- CSV (explorer export, CLI `ranking`/`capaian`/`template`): text a spreadsheet would run as a
  formula, also after splitting on `;` or `,`, gets a `'`; numbers stay numbers.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sakip_core
from sakip_core import rapim
from sakip_core.auth import Actor
from sakip_core.chart_text import chart_text
from sakip_core.cli import main
from sakip_core.export import neutralise, neutralise_frame, restore_neutralised, to_csv
from sakip_core.rapim.indeks import KOMPONEN
from sakip_core.reports import rapim_charts as charts
from tests.page_helpers import copy_demo, open_page
from ui.text import WORD_JOINER, md

ADMIN = Actor("admin", "admin")
OPD = "1.02.01"
EVIL = '<a href="http://x.y">Dinas</a> <b>B</b> & %{y}'
RAW_MARKUP = ('<a href="http://x.y">', "<b>B</b>", "</a>")

# --- Plotly ---------------------------------------------------------------------------------------

# plotly.js `convertEntities`: the named entities it decodes, and numeric ones
PLOTLY_ENTITIES = {"mu": "μ", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0", "times": "×",
                   "plusmn": "±", "deg": "°"}  # fmt: skip
PLOTLY_TAG = re.compile(r"<(/?)(a|b|i|em|s|u|sup|sub|span|br)\b", re.IGNORECASE)


def plotly_shows(text: str) -> str:
    """The characters Plotly draws for `text` (entities decoded), as plotly.js does."""

    def decode(m: re.Match[str]) -> str:
        code = m.group(1)
        if code.startswith("#x"):
            return chr(int(code[2:], 16))
        if code.startswith("#"):
            return chr(int(code[1:]))
        return PLOTLY_ENTITIES.get(code, m.group(0))

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, text)


def strings(obj: object) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from strings(v)


def figure_strings(fig: object) -> list[str]:
    """Every text of a figure as the browser receives it (the JSON Streamlit sends)."""
    return list(strings(json.loads(fig.to_json())))  # type: ignore[attr-defined]


def assert_literal(texts: list[str], name: str = EVIL) -> None:
    """No markup of `name` reaches Plotly, and Plotly draws `name` exactly somewhere."""
    for t in texts:
        for raw in RAW_MARKUP:
            assert raw not in t, t
        assert "%{y} &" not in t  # the data's placeholder never reaches a template
    assert any(plotly_shows(t) == name for t in texts), texts


@given(st.text(max_size=40))
def test_chart_text_is_shown_literally(text: str) -> None:
    out = chart_text(text)
    assert plotly_shows(out) == text
    assert "<" not in out and ">" not in out and "%{" not in out


def test_chart_text_of_missing_values() -> None:
    assert chart_text(None) == "" and chart_text(float("nan")) == "" and chart_text(3) == "3"


def frames() -> dict[str, pd.DataFrame]:
    labels = [EVIL, "Dinkes"]
    ix = pd.DataFrame({"label": labels, **{f"kontribusi_{k}": [10.0, 20.0] for k in KOMPONEN}})
    tr = pd.DataFrame(
        {"label": [EVIL, EVIL, "Dinkes"], "tahun": [2026] * 3, "triwulan": [1, 2, 1],
         "periode": ["TW 1", "TW 2", "TW 1"], "skor": [80.0, 82.0, 70.0], "peringkat": [2, 1, 3]}
    )  # fmt: skip
    heat = pd.DataFrame([[50.0, 60.0]], index=[EVIL], columns=["Area <b>1</b>", "Area 2"])
    board = pd.DataFrame({"label": labels, "skor": [80.0, 70.0], "warna": ["#1a7f37"] * 2})
    return {"board": board, "ix": ix, "tr": tr, "heat": heat}


def test_rapim_figures_show_names_literally() -> None:
    f = frames()
    assert_literal(figure_strings(charts.skor_bars(f["board"])))
    assert_literal(figure_strings(charts.indeks_stack(f["ix"])))
    for metric in ("skor", "peringkat"):
        fig = charts.tren_lines(f["tr"], metric)
        assert_literal(figure_strings(fig))
        assert all(EVIL not in (trace.hovertemplate or "") for trace in fig.data)
    heat = figure_strings(charts.rb_heat(f["heat"]))
    assert_literal(heat)
    assert "Area <b>1</b>" in [plotly_shows(t) for t in heat] and "Area <b>1</b>" not in heat


@pytest.fixture
def evil_db(demo_db: Path, tmp_path: Path) -> Path:
    """A demo copy where one OPD, its indicators and sasaran carry markup, links and formulas."""
    path = copy_demo(demo_db, tmp_path)
    h = sakip_core.connect(path)
    with h.transaction() as conn:
        conn.execute("UPDATE opd SET singkatan = ?, nama_opd = ? WHERE kode_opd = ?",
                     [EVIL, f"{EVIL} nama", OPD])  # fmt: skip
        conn.execute(
            "UPDATE indikator SET indikator = 'www.contoh.go.id <b>I</b> http://a.b/c', "
            "sasaran = '<i>Sasaran</i> ![x](http://evil.test/img.png)' WHERE kode_opd = ?",
            [OPD],
        )
    h.close()
    return path


def test_rapim_figures_from_the_core(evil_db: Path) -> None:
    h = sakip_core.connect(evil_db)
    try:
        board = rapim.leaderboard(h, ADMIN, 2026, 3)
        assert EVIL in set(board["label"])
        assert_literal(figure_strings(charts.skor_bars(board)))
        assert_literal(figure_strings(charts.indeks_stack(rapim.indeks_kinerja(h, ADMIN, 2026, 3))))
        assert_literal(figure_strings(charts.tren_lines(rapim.tren(h, ADMIN, 2026, [OPD]))))
        assert_literal(figure_strings(charts.tren_lines(rapim.tren_opd(h, ADMIN, 2026, OPD))))
        assert_literal(figure_strings(charts.rb_heat(rapim.rb_heatmap(h, ADMIN, 2026, 9))))
        kode = rapim.indikator_opd(h, ADMIN, 2026, 3, OPD)["kode_indikator"].iloc[0]
        points, renstra = rapim.tren_indikator(h, ADMIN, 2026, OPD, kode)
        years = figure_strings(charts.antartahun_lines(points, renstra, EVIL))
        assert_literal(years)
        assert EVIL in [plotly_shows(t) for t in years]
    finally:
        h.close()


def test_explorer_charts_and_detail_heading(evil_db: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SAKIP_DB", str(evil_db))
    at = open_page("pages/explorer.py", Actor("analis", "analis"))
    at.multiselect(key="jel_opd").set_value([OPD]).run()
    seen: list[str] = []
    for panel in ("Grafik", "Pohon kinerja", "Anggaran vs kinerja"):
        at.segmented_control(key="jel_panel").set_value(panel).run()
        assert not at.exception
        specs = [e.proto.spec for e in at.get("plotly_chart")]
        assert specs, panel
        for spec in specs:
            texts = list(strings(json.loads(spec)))
            for t in texts:
                assert not any(raw in t for raw in (*RAW_MARKUP, "<b>I</b>", "<i>Sasaran</i>")), t
            seen += [plotly_shows(t) for t in texts]
    assert any(EVIL in t for t in seen)  # OPD names (trend legend, cascade root, budget hover)
    assert any("<i>Sasaran</i>" in t for t in seen)  # sasaran (per-sasaran bars)
    assert any("www.contoh.go.id <b>I</b>" in t for t in seen)  # indicator names (cascade)
    # the budget table under the chart shows the name as typed (not entity-escaped)
    shown = [d.value for d in at.dataframe]
    assert not any(df.astype(str).apply(lambda c: c.str.contains("&lt;")).any().any()
                   for df in shown)  # fmt: skip

    kode = f"{OPD}.I02"
    at.query_params["ind"] = kode
    at.run()
    heading = next(s.value for s in at.subheader if s.value.startswith(md(kode)))
    caption = "\n".join(c.value for c in at.caption)
    for text in (heading, caption):
        assert_markdown_literal(text)
    assert shown_text(heading) == f"{kode} — www.contoh.go.id <b>I</b> http://a.b/c"
    assert "![x](http://evil.test/img.png)" in shown_text(caption)


# --- Markdown -------------------------------------------------------------------------------------

MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")
# Streamlit's Markdown (remark-gfm) links these in the text left after escapes are resolved
# (the regexes of mdast-util-gfm-autolink-literal; JavaScript's `\w` is ASCII)
AUTOLINK = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII)
EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)
SHORTCODE = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:")  # Streamlit's emoji test


MD_TEXT = re.compile(r"\\([!-/:-@\[-`{-~])|&(?:#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]*);")


def unescaped(src: str) -> str:
    """The text CommonMark leaves after backslash escapes and entity references (what the GFM
    transforms see, and what is drawn)."""
    return MD_TEXT.sub(lambda m: m.group(1) or html.unescape(m.group(0)), src)


def shown_text(src: str) -> str:
    return unescaped(src).replace(WORD_JOINER, "")


def assert_markdown_literal(src: str) -> None:
    """`src` (md() output, maybe inside our own text) has no syntax from the data."""
    bare = re.sub(r"\\.", "", src)  # the escaped pairs removed
    text = unescaped(src)
    assert not AUTOLINK.search(text) and not EMAIL.search(text), src
    assert not SHORTCODE.search(text) and ":material/" not in src, src
    assert "](" not in bare and "![" not in bare and "<" not in bare, src


markdown_text = st.lists(
    st.sampled_from(
        ["http://", "https://", "www.", "WWW.", "@", "a@b.co", ":", ":smile:", ":material/home:",
         "![x](", "[a](", ")", "]", "**", "_", "#", "\n", "\n\n", "- ", "1. ", "<img src=x>", "$",
         "`", "\\", "&lt;", "&#65;", "&amp;", "=", "===", "x.y", "\u2060", " "]
    )
    | st.text(max_size=6),
    max_size=12,
).map("".join)  # fmt: skip


@given(markdown_text)
def test_md_is_literal_and_looks_the_same(text: str) -> None:
    out = md(text)
    assert "\n" not in out and "\r" not in out
    assert all(c not in MD_SPECIAL for c in re.sub(r"\\.", "", out))  # every special escaped
    assert_markdown_literal(out)
    expected = re.sub(r"[\r\n\u2028\u2029]+", " ", text).replace(WORD_JOINER, "")
    assert shown_text(out) == expected  # the visible text is unchanged


@pytest.mark.parametrize(
    "text",
    ["![x](http://evil.test/img.png)", "[a](http://x)", "http://x.y", "lihat www.x.y",
     "budi@contoh.go.id", ":smile: :material/home:", "**tebal**", "# judul", "a\n\n- b",
     "judul\n\n===", "&lt;b&gt; &copy;"],
)  # fmt: skip
def test_md_examples(text: str) -> None:
    out = md(text)
    assert_markdown_literal(out)
    assert shown_text(out) == text.replace("\n\n", " ")


# --- CSV: one neutralisation rule -----------------------------------------------------------------

# Excel runs a cell (or each piece of it after splitting on `;`, Indonesian Excel's list
# separator) as a formula when, after blanks or a stray quote, it starts with = + - @; a leading
# tab or CR is refused too (OWASP). A comma never splits: the writer quotes such fields.
EXCEL_FORMULA = re.compile(r'[ \t\r\n"]*[=+\-@]|[\t\r]')


def risky(cell: str) -> bool:
    return any(EXCEL_FORMULA.match(piece) for piece in cell.split(";"))


def only_quotes_added(before: str, after: str) -> bool:
    i = 0
    for c in after:
        if i < len(before) and before[i] == c:
            i += 1
        elif c != "'":
            return False
    return i == len(before)


csv_text = st.lists(
    st.sampled_from(["=", "+", "-", "@", ";", ",", " ", "\t", "\r", '"', "'", "HYPERLINK(1)"])
    | st.text(max_size=4),
    max_size=10,
).map("".join)


@given(csv_text)
def test_neutralised_text_never_runs_as_a_formula(text: str) -> None:
    out = neutralise(text)
    assert isinstance(out, str) and not risky(out)
    assert only_quotes_added(text, out)
    # read back exactly (a CSV template that comes back filled), quotes of its own included
    assert restore_neutralised(pd.Series([out], dtype=object))[0] == text
    if not any(re.match(r"'*(?:" + EXCEL_FORMULA.pattern + ")", p) for p in text.split(";")):
        assert out == text


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
def test_numbers_are_never_touched(value: object) -> None:
    assert neutralise(value) is value


def test_examples() -> None:
    assert neutralise('abc;=HYPERLINK("http://x")') == 'abc;\'=HYPERLINK("http://x")'
    assert neutralise("a; -1") == "a;' -1" and neutralise("=1+1") == "'=1+1"
    assert neutralise(" @SUM(A1)") == "' @SUM(A1)" and neutralise("\tx") == "'\tx"
    assert neutralise("Dinas Kesehatan; Bidang P2P") == "Dinas Kesehatan; Bidang P2P"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(csv_text, st.floats(-1e6, 1e6) | st.integers(-1000, 1000)), max_size=5))
def test_frame_neutralises_text_and_keeps_numbers(rows: list[tuple[str, float]]) -> None:
    df = pd.DataFrame({"nama": [r[0] for r in rows], "nilai": [r[1] for r in rows]})
    out = neutralise_frame(df)
    assert out["nilai"].tolist() == df["nilai"].tolist() and out["nilai"].dtype == df["nilai"].dtype
    assert not any(risky(v) for v in out["nama"])
    assert df["nama"].tolist() == [r[0] for r in rows]  # the input is not changed


def csv_cells(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))


def test_explorer_csv_uses_the_same_rule() -> None:
    df = pd.DataFrame(
        {"indikator": ["abc;=cmd|' /C calc'!A0", "-x", "biasa"], "capaian": [-5.0, 1, 2]}
    )
    rows = csv_cells(to_csv(df).decode("utf-8"), delimiter=";")
    assert [r[0] for r in rows[1:]] == ["abc;'=cmd|' /C calc'!A0", "'-x", "biasa"]
    assert [r[1] for r in rows[1:]] == ["-5,0", "1,0", "2,0"]


@pytest.fixture
def cli_db(demo_db: Path, tmp_path: Path) -> Path:
    path = copy_demo(demo_db, tmp_path)
    h = sakip_core.connect(path)
    with h.transaction() as conn:
        conn.execute("UPDATE opd SET nama_opd = '=HYPERLINK(\"http://x\",\"klik\")' "
                     "WHERE kode_opd = ?", [OPD])  # fmt: skip
        conn.execute("UPDATE opd SET nama_opd = 'Dinas A;=1+1' WHERE kode_opd = '1.01.01'")
        conn.execute("UPDATE skala_kategori SET label = '@Tinggi' WHERE label = 'Tinggi'")
        conn.execute(
            "UPDATE indikator SET target = -5 WHERE kode_indikator = ? AND tahun = 2026",
            [f"{OPD}.I01"],
        )
        conn.execute(
            "UPDATE indikator SET indikator = '+SUM(1)', satuan = 'unit, -1' "
            "WHERE kode_opd = ? AND tahun = 2026", [OPD]
        )  # fmt: skip
    h.close()
    return path


def cli(capsys, *args: str) -> str:  # noqa: ANN001
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_cli_ranking_and_capaian_csv_are_neutralised(cli_db: Path, capsys) -> None:  # noqa: ANN001
    out = cli(capsys, "ranking", "--tahun", "2026", "--triwulan", "3", "--db", str(cli_db))
    rows = csv_cells(out)
    col = {name: i for i, name in enumerate(rows[0])}
    names = {r[col["kode_opd"]]: r[col["nama_opd"]] for r in rows[1:]}
    assert names[OPD] == '\'=HYPERLINK("http://x","klik")'
    assert names["1.01.01"] == "Dinas A;'=1+1"
    assert not any(risky(c) for r in rows for c in r if not re.fullmatch(r"-?\d+(\.\d+)?", c))
    ranking = sakip_core.ranking(sakip_core.connect(cli_db), 2026, 3)
    moved = ranking["perubahan"].dropna().astype(int)
    assert (moved < 0).any()  # the demo has OPDs that went down: negative numbers stay numbers
    shown = [int(r[col["perubahan"]]) for r in rows[1:] if r[col["perubahan"]]]
    assert sorted(shown) == sorted(moved.tolist())
    assert "'@Tinggi" in {r[col["kategori"]] for r in rows[1:]}
    out = cli(capsys, "ranking", "--tahun", "2026", "--triwulan", "3", "--db", str(cli_db),
              "--format", "json")  # fmt: skip
    data = {r["kode_opd"]: r for r in json.loads(out)}
    assert data[OPD]["nama_opd"] == '=HYPERLINK("http://x","klik")'  # JSON stays as it is
    out = cli(capsys, "capaian", "--tahun", "2026", "--triwulan", "3", "--opd", OPD,
              "--db", str(cli_db))  # fmt: skip
    rows = csv_cells(out)
    assert all(not risky(c) or re.fullmatch(r"-?\d+(\.\d+)?", c) for r in rows for c in r)
    assert "'@Tinggi" in {c for r in rows for c in r}


def test_cli_template_csv_is_neutralised(cli_db: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    target = tmp_path / "pk.csv"
    cli(capsys, "template", "indikator", "--opd", OPD, "--tahun", "2026", "-o", str(target),
        "--db", str(cli_db))  # fmt: skip
    rows = csv_cells(target.read_text("utf-8"))
    col = {name: i for i, name in enumerate(rows[0])}
    assert {r[col["indikator"]] for r in rows[1:]} == {"'+SUM(1)"}
    assert {r[col["satuan"]] for r in rows[1:]} == {"unit, -1"}  # a comma never splits a cell
    targets = {r[col["kode_indikator"]]: r[col["target"]] for r in rows[1:]}
    assert targets[f"{OPD}.I01"] == "-5.0"  # a negative number stays a number
    assert not any(t.startswith("'") for t in targets.values())
    target = tmp_path / "realisasi.csv"
    cli(capsys, "template", "realisasi", "--opd", OPD, "--tahun", "2026", "--triwulan", "3",
        "-o", str(target), "--db", str(cli_db))  # fmt: skip
    rows = csv_cells(target.read_text("utf-8"))
    col = {name: i for i, name in enumerate(rows[0])}
    assert {r[col["indikator"]] for r in rows[1:]} == {"'+SUM(1)"}
    assert not any(risky(c) for r in rows for c in r if not re.fullmatch(r"-?\d+(\.\d+)?", c))
