# Reconcile: `make run` and `make test` work on a fresh machine (they create .venv).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint bench demo soak screenshots clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP) ## set up (first time) and start Reconcile
	$(BIN)/reconcile

test: $(STAMP) ## set up (first time) and run the whole test suite offscreen
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check reconcile_desktop tests
	$(BIN)/ruff format --check reconcile_desktop tests

bench: $(STAMP) ## run the benchmarks and print the table (not part of make test)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks.run

demo: $(STAMP) ## open a throwaway demo vault
	$(BIN)/reconcile --demo

screenshots: $(STAMP) ## render the README screenshots from the demo vault
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py

soak: $(STAMP) ## long crash and fault runs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m soak -p no:cacheprovider tests/integration

clean: ## remove the venv and caches
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
