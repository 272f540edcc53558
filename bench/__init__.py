"""`make bench`: speed and memory figures (never part of `make test`)."""
