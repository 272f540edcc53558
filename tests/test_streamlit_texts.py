"""Streamlit's own texts in Bahasa Indonesia (ui/streamlit_texts.py + .js): the dictionary, and
the JavaScript's `translate` run by Node.js (the DOM part is checked in tests/e2e)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ui import streamlit_texts as texts

NODE = shutil.which("node")


def test_dictionary_is_well_formed() -> None:
    targets = set(texts.EXACT.values())
    # a translated text never matches again (no loop between the observer and itself)
    assert not targets & set(texts.EXACT), targets & set(texts.EXACT)
    for source, target in texts.PATTERNS:
        pattern = re.compile(rf"^(?:{source})$")
        assert pattern.groups == target.count("$"), source
        assert not any(pattern.match(t) for t in targets), source
        assert not pattern.match(re.sub(r"\$\d", "7", target)), source
    # Material icon names are text nodes too ("upload", "search"): none may be a key
    assert not [k for k in texts.EXACT if re.fullmatch(r"[a-z_]+", k)]


def test_the_component_data() -> None:
    data = texts.dictionary()
    assert data["exact"]["Select all"] == "Pilih semua"
    assert ["(\\d+) more", "$1 lainnya"] in data["patterns"]
    assert data["container"] == f"st-key-{texts.KEY}"
    json.dumps(data)  # sent to the browser as JSON


CASES = {
    "Upload": "Unggah",
    "  Upload ": "  Unggah ",  # spaces around are kept
    "Select all": "Pilih semua",
    "No results": "Tidak ada hasil",
    "Drag and drop file here": "Seret dan lepas berkas di sini",
    "Browse files": "Pilih berkas",
    "50MB per file": "Maks. 50 MB per berkas",
    "Limit 200MB per file": "Maks. 200MB per berkas",
    "1 more": "1 lainnya",
    "+12 more": "+12 lainnya",
    "Select 3 matches": "Pilih 3 yang cocok",
    "Download as CSV": "Unduh sebagai CSV",
    "Download as CSV: Peringkat kinerja OPD": "Unduh sebagai CSV: Peringkat kinerja OPD",
    "File must be 10.0MB or smaller.": "Berkas paling besar 10.0MB.",
    "You can only select up to 1 option. Remove an option first.": (
        "Paling banyak 1 pilihan. Hapus salah satu dahulu."
    ),
    # not Streamlit's: left alone
    "Beranda": None,
    "Upload file": None,  # only whole texts
    "more": None,
    "upload": None,  # a Material icon name
    "": None,
}


@pytest.mark.skipif(NODE is None, reason="node not installed (apt-get install nodejs)")
def test_translate_in_javascript(tmp_path: Path) -> None:
    module = tmp_path / "streamlit_texts.mjs"
    module.write_text(texts.JS_FILE.read_text("utf-8"), "utf-8")
    script = (
        f"import {{ compile, translate }} from {json.dumps(module.as_uri())};\n"
        f"const c = compile({json.dumps(texts.dictionary())});\n"
        f"const cases = {json.dumps(list(CASES))};\n"
        "console.log(JSON.stringify(cases.map((t) => translate(c, t))));\n"
    )
    run = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert dict(zip(CASES, json.loads(run.stdout), strict=True)) == CASES
