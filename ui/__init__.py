"""Shared Streamlit helpers of the pages (the only package besides pages/ that imports Streamlit)."""
