# finsam — top-level wrapper. The quick start is `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then build with CMake.
JOBS        ?= 2
PYTHON      := /usr/bin/python3
BUILD       ?= build
SAN_BUILD   ?= build-sanitize
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=$(PYTHON)
DEMO_PLAN   ?= examples/socsam-haninge-2005.json

.PHONY: all deps build demo test test-unit test-sanitize bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

# The main job on an example: evaluate the SOCSAM Haninge 2005 plan.
demo: build
	$(BUILD)/finsam plan $(DEMO_PLAN)

# Every test: the release build's ctest, then the C++ tests again under ASan + UBSan.
test: test-unit test-sanitize

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of the library, CLI and C++ tests
# (an incremental build directory of its own: nothing is rebuilt that did not change).
test-sanitize: deps
	cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
	  -DFINSAM_SANITIZE=ON -DFINSAM_BUILD_PYTHON=OFF
	cmake --build $(SAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(SAN_BUILD) --output-on-failure -j$(JOBS) -L 'cpp|cli'

# The sweep benchmark: C++ (1 and 2 threads), the Python call, Decimal and numpy float64
# baselines, all in one run (benchmarks/bench.py; figures in README.md).
bench: build
	$(PYTHON) benchmarks/bench.py --build $(BUILD)

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
