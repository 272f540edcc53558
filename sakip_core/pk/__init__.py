"""Perjanjian Kinerja berjenjang (issue 12): officials, versions, documents, cascade."""
