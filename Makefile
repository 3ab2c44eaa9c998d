# Two entry points for a fresh machine with Python 3.11:
#   make run    install, then chat with the assistant on the embedded defaults
#   make test   install, then lint, type-check and run the tests
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench clean

# llama-cpp-python compiles from source (pip caches the wheel): skip what we don't use.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/shopgraph chat

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench.ingest_rate
	$(BIN)/python -m bench.search_latency
	$(BIN)/python -m bench.evidence_ranking

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Re-pin constraints.txt from the current environment (after changing dependencies).
lock: install
	$(BIN)/pip freeze --exclude-editable > constraints.txt
