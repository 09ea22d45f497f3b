# Two entry points: `make demo` (install, build the stories of the example corpus, print their report)
# and `make test` (install, run the test suite). Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install demo test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/storyline gazetteer build
	touch $@

demo: install
	$(BIN)/storyline stories examples/corpus --format md

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
