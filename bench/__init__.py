"""Benchmarks and the simulated business day (``python -m bench``, ``python -m bench.simulate``)."""
