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
# Caches (numba's compiled kernels) and CLI state live in the user's cache/state dirs, never in a work
# tree: set AGENTMEND_CACHE_DIR / AGENTMEND_STATE_DIR to move them (see src/agentmend/paths.py).

.PHONY: install test demo lint bench bench-perf bench-detect bench-diagnose bench-watch bench-watch-corpus clean

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
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports  # the layer contracts in pyproject.toml: the core imports no adapter, no cycles

bench: install bench-perf bench-detect bench-diagnose bench-watch bench-watch-corpus

# Cold/warm stage timings and peak memory vs the naive floor and BERTopic, plus Banking77 (bench/perf.py).
bench-perf: install
	$(BIN)/pip install --quiet -e '.[bench]'
	nice $(BIN)/python bench/perf.py $(BENCH_PERF_ARGS)

# failed-conversation detection: P/R/F1 with intervals on tau2-airline and the held-out corpora
bench-detect: install
	$(BIN)/python bench/eval_detection.py

# A/A and A/B simulations of the metric watch (1,000 watches x 20 evaluations per scenario; ~2 min on 1 core)
bench-watch: install
	$(BIN)/python bench/watch_sequential.py

# The watch end to end on the held-back before/after corpus (bench/corpora/watch_before_after; ~5 min)
bench-watch-corpus: install
	-$(BIN)/python bench/watch_before_after.py

# Intents and causes against ground truth: banking77, tau2-airline, the examples, the held-out corpora.
bench-diagnose: install
	$(BIN)/python bench/eval_diagnosis.py

clean:
	rm -rf $(VENV) .pytest_cache
