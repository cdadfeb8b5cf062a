"""Benchmarks for issue 9: `make bench` (python -m tests.benchmarks.run). Not collected by
pytest; tests/project/test_bench_smoke.py runs the harness on a tiny vault so it cannot rot."""
