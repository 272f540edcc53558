"""The arithmetic of capaian.md, as DuckDB SQL behind typed functions."""
