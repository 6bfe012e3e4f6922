"""Benchmarks (scripts, never tests): ``python -m bench.lifecycle``, ``python -m bench.idle``."""
