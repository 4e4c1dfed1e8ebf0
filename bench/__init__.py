"""Benchmarks of vnplan (``make bench``); not part of the test suite and not installed with the package."""
