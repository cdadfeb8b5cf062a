# Reconcile: `make run` and `make test` work on a fresh machine (they create .venv).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint bench demo soak screenshots strings clean dist dist-check install-desktop \
	uninstall-desktop

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

screenshots: $(STAMP) ## render the README screenshots (SIZES=1: every page at every size too)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py $(if $(SIZES),--sizes,)

strings: $(STAMP) ## gather every sentence the app shows into packaging/strings/ (a test checks it)
	$(BIN)/python packaging/strings.py

soak: $(STAMP) ## long crash and fault runs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m soak -p no:cacheprovider tests/system

# -- packaging: a one-folder app (PyInstaller) and the Linux desktop entry ---------------------
DIST_STAMP := $(VENV)/.dist-installed
DIST_APP   := dist/reconcile/reconcile
APP_ID     := io.github.reconcile.Reconcile
PREFIX     ?= $(HOME)/.local
DESTDIR    ?=
SHARE       = $(DESTDIR)$(PREFIX)/share
ICON_BUILD ?= build/icons
# What the menu entry starts: `reconcile` on PATH if there is one, else this checkout's venv.
EXEC       ?= $(shell command -v reconcile 2>/dev/null || echo "$(CURDIR)/$(BIN)/reconcile")

$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP) ## build the one-folder app in dist/reconcile/ with PyInstaller
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/reconcile.spec
	@du -sh dist/reconcile

dist-check: ## smoke-test the built app (runs make dist first if there is none)
	test -x $(DIST_APP) || $(MAKE) dist
	sh packaging/dist_check.sh $(DIST_APP)

install-desktop: $(STAMP) ## menu entry, icons, metainfo into ~/.local (PREFIX=, DESTDIR=, EXEC=)
	rm -rf $(ICON_BUILD)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py $(ICON_BUILD) >/dev/null
	mkdir -p "$(SHARE)/applications" "$(SHARE)/icons" "$(SHARE)/metainfo"
	cp -R $(ICON_BUILD)/hicolor "$(SHARE)/icons/"
	sed 's|^Exec=.*|Exec="$(EXEC)"|' packaging/linux/$(APP_ID).desktop \
		> "$(SHARE)/applications/$(APP_ID).desktop"
	cp packaging/linux/$(APP_ID).metainfo.xml "$(SHARE)/metainfo/"
	@# A stale icon cache would hide the new icons; without one, desktops look them up.
	@if [ -f "$(SHARE)/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache \
		>/dev/null; then gtk-update-icon-cache -q -t "$(SHARE)/icons/hicolor" || true; fi
	@echo "Installed $(APP_ID) into $(SHARE), starting $(EXEC)"

uninstall-desktop: ## remove what install-desktop put there (same PREFIX=, DESTDIR=)
	rm -f "$(SHARE)/applications/$(APP_ID).desktop" "$(SHARE)/metainfo/$(APP_ID).metainfo.xml"
	rm -f "$(SHARE)"/icons/hicolor/*/apps/$(APP_ID).png \
		"$(SHARE)/icons/hicolor/scalable/apps/$(APP_ID).svg"

clean: ## remove the venv and caches
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
