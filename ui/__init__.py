"""Shared Streamlit helpers of the pages (the only code besides pages/ importing Streamlit)."""
