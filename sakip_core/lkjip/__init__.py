"""The Laporan Kinerja (LKjIP) chapter III and the Renja evaluation (issue 13)."""
