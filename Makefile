# finsam — top-level wrapper. The quick start is `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then build with CMake.
JOBS        ?= 2
PYTHON      := /usr/bin/python3
BUILD       ?= build
SAN_BUILD   ?= build-sanitize
# The unity build compiles each stage of the library as one unit (docs/testing.md: the time of
# `make test`). No ccache here: the times in docs/testing.md are those of a fresh clone.
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=$(PYTHON) -DFINSAM_UNITY_BUILD=ON
DEMO_PLAN   ?= examples/socsam-haninge-2005.json
FUZZ_BUILD  ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_FLAGS  ?=

.PHONY: all deps build demo notebook test test-unit test-sanitize fuzz fuzz-pointers bench bench-followup clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DFINSAM_BUILD_BENCHMARKS=OFF
	cmake --build $(BUILD) -j$(JOBS)

# The main job on an example: the SOCSAM Haninge 2005 budget tables in Markdown, with the
# warning that its published Summa of the insatser (25 001 tkr) is not the sum of its rows
# (24 981 tkr) on stderr. Builds only the command line, not the tests.
demo: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS) --target finsam_cli
	$(BUILD)/finsam plan $(DEMO_PLAN) --format md

# The example notebook (examples/notebooks/scenarios.ipynb) in Debian's Jupyter, installed if
# missing; builds only the Python module. NOTEBOOK_FLAGS go to Jupyter (e.g. --no-browser).
notebook: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS) --target finsam_python
	scripts/notebook.sh $(BUILD) $(NOTEBOOK_FLAGS)

# Every test: the release build's ctest, then the C++, CLI and Python tests again under ASan + UBSan.
test: test-unit test-sanitize

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of the library, CLI, C++ tests and the
# Python extension — only the targets its tests run (no examples, benchmarks or fuzz target) —
# in an incremental build directory of its own: nothing is rebuilt that did not change. -g1
# (line tables) keeps file:line in every sanitizer report at half the compile time of -g.
# Labels: cpp (Boost.Test), cli (the command line and the bad-input catalogue), python
# (pytest against the sanitized extension, the ASan runtime preloaded: tests/python/CMakeLists.txt).
test-sanitize: deps
	cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DFINSAM_UNITY_BUILD=ON \
	  -DFINSAM_SANITIZE=ON -DFINSAM_BUILD_PYTHON=ON -DFINSAM_BUILD_BENCHMARKS=OFF -DPython_EXECUTABLE=$(PYTHON)
	cmake --build $(SAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(SAN_BUILD) --output-on-failure -j$(JOBS) -L 'cpp|cli|python'

# libFuzzer, built with clang++ and ASan + UBSan in $(FUZZ_BUILD)/; FUZZ_TARGET selects the target:
# - plan (default): plan loading, validation, evaluation with variants, result JSON, explain,
#   compare and the budget tables (fuzz/fuzz_plan.cpp). Seeds: the examples, the bad-input
#   catalogue and 50 generated plans. A plan may take up to about a minute under the fuzzer's
#   instrumentation (1 000 000 figures), hence -timeout=120.
# - sie: the SIE reader and the mapping of an accounting block into actuals (fuzz/fuzz_sie.cpp).
#   Seeds: the SIE files of tests/sie, tests/bad_sie and examples/books.
# - allocation: allocation models (fuzz/fuzz_allocation.cpp: reading, the rounds of the cap
#   against the spec's rounds done literally, the rounding, tables, explain). Seeds: the example,
#   the catalogue tests/bad_inputs_allocation/ and 40 generated models.
# The corpus grows in $(FUZZ_BUILD)/corpus (plan), corpus-sie or corpus-allocation, crashes land in
# $(FUZZ_BUILD)/artifacts. `make fuzz FUZZ_TARGET=sie FUZZ_SECONDS=600`; FUZZ_FLAGS passes more
# libFuzzer options (e.g. -use_value_profile=1 -jobs=2).
FUZZ_TARGET ?= plan
ifeq ($(FUZZ_TARGET),sie)
FUZZ_EXE    := finsam_fuzz_sie
FUZZ_CORPUS := $(FUZZ_BUILD)/corpus-sie
FUZZ_DICT   := fuzz/sie.dict
FUZZ_LIMITS := -timeout=30 -rss_limit_mb=1024 -max_len=65536
else ifeq ($(FUZZ_TARGET),allocation)
FUZZ_EXE    := finsam_fuzz_allocation
FUZZ_CORPUS := $(FUZZ_BUILD)/corpus-allocation
FUZZ_DICT   := fuzz/allocation.dict
FUZZ_LIMITS := -timeout=60 -rss_limit_mb=2048 -max_len=32768
else
FUZZ_EXE    := finsam_fuzz
FUZZ_CORPUS := $(FUZZ_BUILD)/corpus
FUZZ_DICT   := fuzz/plan.dict
FUZZ_LIMITS := -timeout=120 -rss_limit_mb=2048 -max_len=32768
endif
fuzz:
	@scripts/install-deps.sh clang libclang-rt-14-dev
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DFINSAM_FUZZ=ON \
	  -DFINSAM_BUILD_TESTS=OFF -DFINSAM_BUILD_CLI=OFF -DFINSAM_BUILD_PYTHON=OFF -DFINSAM_INSTALL=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target $(FUZZ_EXE)
	rm -rf $(FUZZ_BUILD)/seeds && mkdir -p $(FUZZ_BUILD)/seeds $(FUZZ_CORPUS) $(FUZZ_BUILD)/artifacts
ifeq ($(FUZZ_TARGET),sie)
	cp tests/sie/*.se tests/bad_sie/*.se $(FUZZ_BUILD)/seeds/
	if ls examples/books/*.se >/dev/null 2>&1; then cp examples/books/*.se $(FUZZ_BUILD)/seeds/; fi
else ifeq ($(FUZZ_TARGET),allocation)
	cp examples/statens-fordelning-2016.json tests/bad_inputs_allocation/*.json $(FUZZ_BUILD)/seeds/
	$(PYTHON) benchmarks/allocation_workload.py --seeds 40 --out $(FUZZ_BUILD)/seeds
else
	cp examples/*.json tests/bad_inputs/*.json $(FUZZ_BUILD)/seeds/
	rm -f $(FUZZ_BUILD)/seeds/too_large_*.json  # near the size limit: seconds each, a minute instrumented
	$(PYTHON) tests/reference/gen_plans.py --seed 1 --count 50 --out $(FUZZ_BUILD)/seeds/generated
	mv $(FUZZ_BUILD)/seeds/generated/*.json $(FUZZ_BUILD)/seeds/ && rmdir $(FUZZ_BUILD)/seeds/generated
endif
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_BUILD)/fuzz/$(FUZZ_EXE) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_LIMITS) $(FUZZ_FLAGS) \
	  -dict=$(FUZZ_DICT) -artifact_prefix=$(FUZZ_BUILD)/artifacts/$(FUZZ_TARGET)- -print_final_stats=1 \
	  $(FUZZ_CORPUS) $(FUZZ_BUILD)/seeds

# After a plan fuzzing run: every input of the grown corpus through the release command line
# (`finsam validate` and `finsam plan --format json`); every error line must name its file and
# JSON pointer, never a bare message (spec 12.23, tests/cli/pointer_lines.py; issue 13).
fuzz-pointers: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS) --target finsam_cli
	$(PYTHON) tests/cli/pointer_lines.py --finsam $(BUILD)/finsam --corpus $(FUZZ_BUILD)/corpus --mutants 0 .

# The sweep benchmark: C++ (1 and 2 threads), the Python call, Decimal and numpy float64
# baselines, all in one run (benchmarks/bench.py; figures in docs/sweeps.md); then the SIE reader
# on a generated file of 1 000 000 #TRANS rows against a Python reader (benchmarks/sie_bench.py;
# figures in docs/sie.md); then the allocation model's: 10 000 synthetic förbund allocated, stage
# by stage, by the CLI and from Python (benchmarks/allocation_bench.py; figures in
# docs/allocation-model.md). The benchmark driver is built only here, not by `make build` or `make test`.
bench: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DFINSAM_BUILD_BENCHMARKS=ON
	cmake --build $(BUILD) -j$(JOBS)
	$(PYTHON) benchmarks/bench.py --build $(BUILD)
	$(PYTHON) benchmarks/sie_bench.py --build $(BUILD)
	$(PYTHON) benchmarks/allocation_bench.py --build $(BUILD)

# Only the follow-up benchmark (issue 15): a 50-intervention plan with actuals and liquidity
# (figures in docs/followup.md).
bench-followup: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DFINSAM_BUILD_BENCHMARKS=ON
	cmake --build $(BUILD) -j$(JOBS) --target followup_bench
	$(PYTHON) benchmarks/bench.py --build $(BUILD) --followup-only

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD)
