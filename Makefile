# The two commands a newcomer needs:
#   make demo   install into .venv and build the demo municipality's fact base
#   make test   install what the tests need (system packages too) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint system-deps translations clean

demo: $(VENV)/.installed
	$(BIN)/samskab demo

test: system-deps $(VENV)/.installed-test lint translations
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check samskab tests benchmarks
	$(BIN)/ruff format --check samskab tests benchmarks
	$(BIN)/mypy

system-deps:
	bash scripts/install-system-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	$(MAKE) translations
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[test,spark]'
	$(MAKE) translations
	touch $@ $(VENV)/.installed

# Compile the interface's translations (.po → .mo) with GNU gettext.
translations:
	cd samskab && DJANGO_SETTINGS_MODULE=samskab.test_settings ../$(BIN)/python -m django compilemessages --verbosity 0

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
