# The two commands of the README. Both create .venv on first use and reinstall when
# pyproject.toml changes, so a fresh clone needs nothing installed by hand.
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: dev test lint diagram bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

dev: $(STAMP)
	$(PY) -m deploy.dev

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

diagram: $(STAMP)
	$(PY) -m cli diagram

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .import_linter_cache
