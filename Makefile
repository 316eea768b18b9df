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
FUZZ_ALLOCATION_SECONDS ?= 300
FUZZ_FLAGS  ?=

.PHONY: all deps build demo notebook test test-unit test-sanitize fuzz bench clean

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

# libFuzzer over plan loading, validation, evaluation with variants, result JSON, explain,
# compare and the budget tables (fuzz/fuzz_plan.cpp), built with clang++ and ASan + UBSan in
# $(FUZZ_BUILD)/. Seeds: the examples, the bad-input catalogue and 50 generated plans; the corpus
# grows in $(FUZZ_BUILD)/corpus, crashes land in $(FUZZ_BUILD)/artifacts.
# Then the same for allocation models (fuzz/fuzz_allocation.cpp: reading, the rounds of the cap
# against the spec's rounds done literally, the rounding, tables, explain) for
# FUZZ_ALLOCATION_SECONDS, seeded with the example, the catalogue tests/bad_inputs_allocation/ and
# 40 generated models; its corpus grows in $(FUZZ_BUILD)/corpus-allocation.
# `make fuzz FUZZ_SECONDS=600`; FUZZ_FLAGS passes more libFuzzer options (e.g.
# -use_value_profile=1 -jobs=2). A plan may take up to about a minute under the fuzzer's
# instrumentation (1 000 000 figures), hence -timeout=120.
fuzz:
	@scripts/install-deps.sh clang libclang-rt-14-dev
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DFINSAM_FUZZ=ON \
	  -DFINSAM_BUILD_TESTS=OFF -DFINSAM_BUILD_CLI=OFF -DFINSAM_BUILD_PYTHON=OFF -DFINSAM_INSTALL=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target finsam_fuzz finsam_fuzz_allocation
	rm -rf $(FUZZ_BUILD)/seeds && mkdir -p $(FUZZ_BUILD)/seeds $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/artifacts
	cp examples/*.json tests/bad_inputs/*.json $(FUZZ_BUILD)/seeds/
	rm -f $(FUZZ_BUILD)/seeds/too_large_*.json  # near the size limit: seconds each, a minute instrumented
	$(PYTHON) tests/reference/gen_plans.py --seed 1 --count 50 --out $(FUZZ_BUILD)/seeds/generated
	mv $(FUZZ_BUILD)/seeds/generated/*.json $(FUZZ_BUILD)/seeds/ && rmdir $(FUZZ_BUILD)/seeds/generated
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_BUILD)/fuzz/finsam_fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=120 -rss_limit_mb=2048 -max_len=32768 $(FUZZ_FLAGS) \
	  -dict=fuzz/plan.dict -artifact_prefix=$(FUZZ_BUILD)/artifacts/ -print_final_stats=1 \
	  $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/seeds
	rm -rf $(FUZZ_BUILD)/seeds-allocation && mkdir -p $(FUZZ_BUILD)/seeds-allocation $(FUZZ_BUILD)/corpus-allocation
	cp examples/statens-fordelning-2016.json tests/bad_inputs_allocation/*.json $(FUZZ_BUILD)/seeds-allocation/
	$(PYTHON) benchmarks/allocation_workload.py --seeds 40 --out $(FUZZ_BUILD)/seeds-allocation
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_BUILD)/fuzz/finsam_fuzz_allocation -max_total_time=$(FUZZ_ALLOCATION_SECONDS) -timeout=60 -rss_limit_mb=2048 \
	  -max_len=32768 $(FUZZ_FLAGS) -dict=fuzz/allocation.dict -artifact_prefix=$(FUZZ_BUILD)/artifacts/allocation- \
	  -print_final_stats=1 $(FUZZ_BUILD)/corpus-allocation $(FUZZ_BUILD)/seeds-allocation

# The sweep benchmark: C++ (1 and 2 threads), the Python call, Decimal and numpy float64
# baselines, all in one run (benchmarks/bench.py; figures in docs/sweeps.md); then the allocation
# model's: 10 000 synthetic förbund allocated, stage by stage, by the CLI and from Python
# (benchmarks/allocation_bench.py; figures in docs/allocation-model.md). The benchmark
# driver is built only here, not by `make build` or `make test`.
bench: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DFINSAM_BUILD_BENCHMARKS=ON
	cmake --build $(BUILD) -j$(JOBS)
	$(PYTHON) benchmarks/bench.py --build $(BUILD)
	$(PYTHON) benchmarks/allocation_bench.py --build $(BUILD)

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD)
