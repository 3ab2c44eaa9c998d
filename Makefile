# Two entry points for a fresh machine with Python 3.11:
#   make run    install, then serve the chat API and web page on the embedded defaults
#   make test   install, then lint, type-check and run the tests
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint browser bench clean

# llama-cpp-python compiles from source (pip caches the wheel): skip what we don't use.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/shopgraph serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The web page's test drives Debian's Chromium (Playwright never downloads a browser here).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: lint browser
	$(BIN)/python -m pytest

# The store-reading benchmarks share one demo store: search_latency builds it in a temp
# home (as <home>/2400, beside its 50,000-product one), the others reuse it.
bench: install
	$(BIN)/python -m bench.ingest_rate
	$(BIN)/python -m bench.evidence_ranking
	$(BIN)/python -m bench.renderer
	home=$$(mktemp -d) && trap 'rm -rf "$$home"' EXIT && \
	$(BIN)/python -m bench.search_latency --home "$$home" && \
	$(BIN)/python -m bench.planner --home "$$home/2400" && \
	$(BIN)/python -m bench.price_slots --home "$$home/2400" && \
	$(BIN)/python -m bench.first_token --home "$$home/2400" && \
	$(BIN)/python -m bench.routes --home "$$home/2400" && \
	$(BIN)/python -m bench.memory --home "$$home/2400"
	$(BIN)/python -m bench.speculative

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Re-pin constraints.txt from the current environment (after changing dependencies).
lock: install
	$(BIN)/pip freeze --exclude-editable > constraints.txt
