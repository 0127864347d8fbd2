"""Benchmarks run as `python -m benchmarks.NAME`: figures printed, nothing written in the checkout."""
