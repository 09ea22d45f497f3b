# Two entry points: `make demo` (install, build the example corpus into a database, serve the web UI)
# and `make test` (install, run the whole test suite, browser test included). Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO_DB ?= build/example.db
PORT ?= 8000

.PHONY: install web-assets browser java demo test bench clean

install: $(VENV)/.installed web-assets

$(VENV)/.installed: pyproject.toml assets/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,spark]'
	$(BIN)/storyline gazetteer build
	npm ci --prefix assets --no-audit --no-fund --loglevel=error
	touch $@

# htmx and the basemap, from assets/node_modules into the data directory the server reads (cheap; every run).
web-assets: $(VENV)/.installed
	$(BIN)/storyline assets build

# Debian's chromium and chromium-driver for the browser test (installed only when missing).
browser:
	bash scripts/install-browser.sh

# A Java runtime from Debian's packages for the Spark tests (installed only when missing).
java:
	bash scripts/install-java.sh

demo: install
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/storyline ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/storyline serve --db $(DEMO_DB) --port $(PORT)

test: install browser java
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache assets/node_modules
