"""Benchmarks and held-out evaluation corpora (not part of the installed package)."""
