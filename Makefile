# The whole set-up on a fresh Debian 12 machine (as root):
#   make run    install missing packages, build, serve the demo platform on :8080
#   make test   install missing packages, build, run every test
PRESET   ?= release
BUILD    := build/$(PRESET)
FUZZ     := build/fuzz
STATION  := $(BUILD)/platform/cli/station
JOBS     ?= $(shell nproc)

.PHONY: run test deps build fuzz-smoke bench format format-check clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	$(STATION) serve --demo --dev --data-dir var

# Unit, integration, conformance and end-to-end suites, then a short libFuzzer run of the template
# engine under address/undefined sanitizers. The last line counts every test.
test: build
	@cmake --preset fuzz >/dev/null
	@cmake --build $(FUZZ) -j $(JOBS)
	@scripts/run-tests.sh $(BUILD) $(FUZZ)

bench: deps
	@scripts/install-deps.sh --bench
	@cmake --preset release -DSTATION_BUILD_BENCH=ON >/dev/null
	@cmake --build build/release -j $(JOBS)
	@bench/run-all.sh build/release

format:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format --dry-run -Werror

clean:
	rm -rf build
