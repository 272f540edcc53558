"""Reading, validating, writing and templating the datasets of formats.md."""
