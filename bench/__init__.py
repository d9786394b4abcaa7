"""Benchmarks and generated volumes; not part of the product, not part of `make test`."""
