# Caption Desk: the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PKG_STAMP  := $(VENV)/.installed-package
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench lint system-deps clean package

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@ $(STAMP)

$(PKG_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[package]'
	touch $@ $(STAMP)

## run: make the virtual environment, install, and open the app on the default library
run: $(STAMP)
	$(BIN)/caption-desk gui

## system-deps: Debian packages the tests drive for real (PostgreSQL server, Chromium, the desktop-file validators)
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v desktop-file-validate >/dev/null 2>&1 || missing="$$missing desktop-file-utils"; \
	command -v appstreamcli >/dev/null 2>&1 || missing="$$missing appstream"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## test: install test extras and system packages, then run the whole suite (offscreen Qt, real PostgreSQL)
test: $(TEST_STAMP) system-deps
	$(BIN)/ruff check desktop tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -p no:cacheprovider

## bench: run the benchmarks in tests/benchmarks and print their figures
bench: $(TEST_STAMP) system-deps
	@for b in tests/benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## lint: ruff and the layering check
lint: $(TEST_STAMP)
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests
	$(BIN)/lint-imports

## package: build the one-folder app with PyInstaller (dist/caption-desk/) and check it (version, self-test, size)
package: $(PKG_STAMP)
	PYTHON=$(BIN)/python packaging/build.sh
	packaging/check_bundle.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
