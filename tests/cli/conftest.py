"""Fixtures for tests that run Reconcile as a separate process."""

from tests.processes import data_dir, run_cli, template  # noqa: F401
