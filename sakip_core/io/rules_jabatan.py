"""Rules of the `jabatan` file and of the indicator owners (issue 12, point 1).

The file is checked against the structure it produces: its rows merged over the jabatan
already stored (an upload adds and changes positions; it does not remove the ones it omits).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sakip_core.io.parse import Problems
from sakip_core.io.reader import ROW_COL
from sakip_core.io.schema import PEMDA

STRUCTURE = ["kode_jabatan", "kode_opd", "jenjang", "atasan", "nip", "status_pejabat"]


def jabatan_rules(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, opds: set[str], p: Problems
) -> None:
    """Units, superiors, one head per OPD, one kepala daerah, holders' NIPs."""
    rows = table[ROW_COL]
    kd = table["jenjang"] == "kepala_daerah"
    unit_ok = table["kode_opd"].isin(opds) | (kd & (table["kode_opd"] == PEMDA))
    p.add_mask(
        rows,
        table["kode_opd"].notna() & ~unit_ok,
        "kode_opd",
        "kode tidak terdaftar sebagai OPD (PEMDA hanya untuk kepala_daerah)",
        table["kode_opd"],
    )
    p.add_mask(rows, kd & table["atasan"].notna(), "atasan", "kepala daerah tidak memiliki atasan")
    p.add_mask(
        rows,
        table["jenjang"].notna() & ~kd & table["atasan"].isna(),
        "atasan",
        "wajib diisi (kode_jabatan atasan); kosong hanya untuk kepala_daerah",
    )
    _holder_rules(table, p)
    merged = _merged(conn, table)
    _superior_rules(table, merged, p)
    _one_head(table, merged, p)


def _holder_rules(table: pd.DataFrame, p: Problems) -> None:
    rows = table[ROW_COL]
    vacant = table["nama_pejabat"].isna()
    p.add_mask(rows, vacant & table["nip"].notna(), "nip", "NIP diisi tetapi nama_pejabat kosong")
    p.add_mask(
        rows,
        vacant & table["status_pejabat"].notna(),
        "status_pejabat",
        "status diisi tetapi nama_pejabat kosong (jabatan lowong)",
    )
    definitif = table["nip"].notna() & table["status_pejabat"].isin(["definitif", None])
    definitif &= ~vacant
    dup = definitif & table["nip"].where(definitif).duplicated(keep="first")
    p.add_mask(
        rows,
        dup,
        "nip",
        "NIP ini sudah menjabat definitif di baris lain; jabatan kedua harus plt atau plh",
        table["nip"],
    )


def _merged(conn: duckdb.DuckDBPyConnection, table: pd.DataFrame) -> pd.DataFrame:
    """The structure after this upload: stored rows not in the file, plus the file's rows."""
    stored = conn.execute(f"SELECT {', '.join(STRUCTURE)} FROM jabatan").df()
    stored = stored[~stored["kode_jabatan"].isin(table["kode_jabatan"])]
    return pd.concat([stored, table[STRUCTURE]], ignore_index=True)


def _superior_rules(table: pd.DataFrame, merged: pd.DataFrame, p: Problems) -> None:
    rows = table[ROW_COL]
    by_code = merged.drop_duplicates("kode_jabatan").set_index("kode_jabatan")
    has = table["atasan"].notna()
    known = table["atasan"].isin(by_code.index)
    p.add_mask(
        rows,
        has & ~known,
        "atasan",
        "kode_jabatan atasan tidak ditemukan (di berkas ini maupun yang sudah tersimpan)",
        table["atasan"],
    )
    p.add_mask(
        rows,
        has & (table["atasan"] == table["kode_jabatan"]),
        "atasan",
        "jabatan tidak boleh menjadi atasan dirinya sendiri",
        table["atasan"],
    )
    boss_opd = table["atasan"].map(by_code["kode_opd"])
    boss_level = table["atasan"].map(by_code["jenjang"])
    below_head = ~table["jenjang"].isin(["kepala_daerah", "jpt"])
    p.add_mask(
        rows,
        has & known & below_head & (boss_opd != table["kode_opd"]),
        "atasan",
        "atasan " + boss_opd.astype(str) + " berada di OPD lain; atasan harus di OPD yang sama",
        table["atasan"],
    )
    p.add_mask(
        rows,
        has & known & (table["jenjang"] == "jpt") & ~boss_level.isin(["kepala_daerah", "jpt"]),
        "atasan",
        "atasan jabatan jpt harus kepala_daerah atau jpt",
        table["atasan"],
    )
    cyclic = _in_cycle(by_code["atasan"])
    p.add_mask(
        rows,
        table["kode_jabatan"].isin(cyclic),
        "atasan",
        "rantai atasan berputar kembali ke jabatan ini",
        table["atasan"],
    )


def _in_cycle(boss: pd.Series) -> set[str]:
    """Codes whose chain of superiors comes back to themselves."""
    parent = {k: v for k, v in boss.items() if isinstance(v, str)}
    out: set[str] = set()
    for start in parent:
        seen, node = set(), start
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        if node == start:
            out.add(start)
    return out


def _one_head(table: pd.DataFrame, merged: pd.DataFrame, p: Problems) -> None:
    """One kepala daerah; per OPD exactly one head: a jpt whose superior is outside the OPD."""
    rows = table[ROW_COL]
    kd = merged[merged["jenjang"] == "kepala_daerah"]["kode_jabatan"]
    if len(kd) > 1:
        p.add_mask(
            rows,
            table["kode_jabatan"].isin(kd),
            "jenjang",
            "hanya boleh ada satu kepala_daerah; ada juga " + ", ".join(sorted(kd)),
        )
    heads = head_codes(merged)
    many = heads[heads.duplicated("kode_opd", keep=False)]
    for opd, group in many.groupby("kode_opd"):
        p.add_mask(
            rows,
            table["kode_jabatan"].isin(group["kode_jabatan"]),
            "atasan",
            f"OPD {opd} memiliki lebih dari satu kepala (jpt dengan atasan di luar OPD): "
            + ", ".join(sorted(group["kode_jabatan"])),
        )


def head_codes(structure: pd.DataFrame) -> pd.DataFrame:
    """(kode_opd, kode_jabatan) of each OPD's head: its jpt whose superior is not in the OPD."""
    opd_of = structure.drop_duplicates("kode_jabatan").set_index("kode_jabatan")["kode_opd"]
    jpt = structure[structure["jenjang"] == "jpt"]
    outside = jpt["atasan"].map(opd_of) != jpt["kode_opd"]
    return jpt[outside][["kode_opd", "kode_jabatan"]]


def indicator_owners(conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, p: Problems) -> None:
    """`kode_jabatan` names a stored jabatan of the row's OPD (the kepala daerah for pemda);
    kode_opd PEMDA is only for level pemda."""
    rows = table[ROW_COL]
    p.add_mask(
        rows,
        (table["kode_opd"] == PEMDA) & (table["level"] != "pemda"),
        "kode_opd",
        "PEMDA hanya untuk indikator level pemda",
        table["kode_opd"],
    )
    stored = conn.execute("SELECT kode_jabatan, kode_opd, jenjang FROM jabatan").df()
    by_code = stored.set_index("kode_jabatan")
    given = table["kode_jabatan"].notna()
    known = table["kode_jabatan"].isin(by_code.index)
    p.add_mask(
        rows,
        given & ~known,
        "kode_jabatan",
        "jabatan tidak terdaftar; unggah data jabatan lebih dulu",
        table["kode_jabatan"],
    )
    owner_opd = table["kode_jabatan"].map(by_code["kode_opd"])
    owner_level = table["kode_jabatan"].map(by_code["jenjang"])
    pemda_by_kd = (table["level"] == "pemda") & (owner_level == "kepala_daerah")
    p.add_mask(
        rows,
        given & known & (owner_opd != table["kode_opd"]) & ~pemda_by_kd,
        "kode_jabatan",
        "jabatan ini milik OPD " + owner_opd.astype(str) + ", bukan OPD indikator ini",
        table["kode_jabatan"],
    )
