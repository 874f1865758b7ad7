# The two commands a newcomer needs:
#   make demo   install into .venv, build the demo municipality and start the web app
#   make test   install what the tests need (system packages too) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-postgres lint system-deps demo-deps translations clean

# axe-core, for the browser tests' accessibility checks: from npm, for the tests only.
AXE := .test-node/node_modules/axe-core/axe.min.js
# The tests that use the database run a second time on PostgreSQL.
POSTGRES_TESTS := tests/web tests/browser
# One worker per core (pytest-xdist), and the 15 slowest tests listed at the end. `--dist load`
# hands each worker its tests in the order pytest-django sorts them: the tests that commit to the
# database (the browser tests among them) after all the others, as Django's own runner does.
PYTEST := $(BIN)/python -m pytest -n auto --dist load --durations=15

demo: demo-deps $(VENV)/.installed
	$(BIN)/samskab demo

# Every test on SQLite, then the database tests on a throwaway PostgreSQL; fails if either fails.
test: system-deps $(VENV)/.installed-test $(AXE) lint translations
	@status=0; \
	echo "== every test, on SQLite"; \
	$(PYTEST) || status=1; \
	echo "== $(POSTGRES_TESTS), on PostgreSQL"; \
	bash scripts/with-postgres.sh $(PYTEST) $(POSTGRES_TESTS) || status=1; \
	exit $$status

test-postgres: system-deps $(VENV)/.installed-test $(AXE) translations
	bash scripts/with-postgres.sh $(PYTEST) $(POSTGRES_TESTS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check samskab tests benchmarks
	$(BIN)/ruff format --check samskab tests benchmarks
	$(BIN)/mypy
	PYTHONPATH=. $(BIN)/lint-imports --no-cache

system-deps:
	bash scripts/install-system-deps.sh test

demo-deps:
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

$(AXE):
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix .test-node axe-core@4

# Compile the interface's translations (.po → .mo) with GNU gettext: every Django app's catalogue
# and samskab/common/locale's `samskab` catalogue of the fact base's and the segments' messages.
translations:
	cd samskab && DJANGO_SETTINGS_MODULE=samskab.test_settings ../$(BIN)/python -m django compilemessages --verbosity 0 --ignore 'segments/*' --ignore 'facts/*' 

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache .test-node
