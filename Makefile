# Quickstart: `make demo` runs the loop on the bundled example; `make test` runs the tests.
# Both create .venv and install everything on first use (CPU build of torch, offline embedding model).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch. Where no local wheel exists, point pip at the CPU index:
#   make TORCH_INDEX="--index-url https://download.pytorch.org/whl/cpu" ...
TORCH_SPEC ?= torch==2.13.0
TORCH_INDEX ?=
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
export NUMBA_CACHE_DIR := $(CURDIR)/.cache/numba

.PHONY: install test demo lint bench bench-perf clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH_INDEX) "$(TORCH_SPEC)"
	$(BIN)/pip install --quiet -e '.[dev,redis]'
	touch $@

# The int8 ONNX encoder every entry point uses, built offline from the bundled MiniLM weights.
$(BIN)/.encoder: $(BIN)/.installed src/agentmend/analysis/onnx_encoder.py
	$(BIN)/python -m agentmend.analysis.onnx_encoder
	touch $@

install: $(BIN)/.installed $(BIN)/.encoder

test: install
	$(BIN)/pytest -q

demo: install
	$(BIN)/agentmend demo

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

bench: bench-perf

# Cold/warm stage timings and peak memory vs the naive floor and BERTopic, plus Banking77 (bench/perf.py).
bench-perf: install
	$(BIN)/pip install --quiet -e '.[bench]'
	nice $(BIN)/python bench/perf.py $(BENCH_PERF_ARGS)

clean:
	rm -rf $(VENV) .cache .pytest_cache
