"""Benchmarks and the bulk data generator. Not part of the test suite."""
