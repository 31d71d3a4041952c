# The two commands of the README: `make run` and `make test`. Both install what is missing
# (Debian packages via apt-get, npm packages for the browser tests) and build first.
.PHONY: run test build deps test-deps unit-tests browser-tests asan clean bench

PRESET ?= release
DB ?= sqlite:var/skydda.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)
# ccache may reuse precompiled headers only with this sloppiness.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
# Paths relative to the checkout, so a fresh clone elsewhere still hits the cache.
export CCACHE_BASEDIR := $(CURDIR)

deps:
	@scripts/deps.sh

test-deps:
	@scripts/deps.sh --test
	@scripts/node.sh >/dev/null
	@if [ -f tests/browser/package-lock.json ]; then cd tests/browser && { [ -d node_modules/playwright-core ] && [ -d node_modules/@axe-core/playwright ] && [ -d node_modules/vnu-jar ] || npm ci --no-audit --no-fund --loglevel=error; }; fi

build/$(PRESET)/build.ninja:
	cmake --preset $(PRESET)

build: deps build/$(PRESET)/build.ninja
	cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@mkdir -p var
	build/$(PRESET)/skydda serve --db $(DB) --listen $(LISTEN) --demo

unit-tests: build
	ctest --preset $(PRESET) -j $(JOBS)

browser-tests: build test-deps
	cd tests/browser && SKYDDA_BINARY=$(CURDIR)/build/$(PRESET)/skydda $$($(CURDIR)/scripts/node.sh) run.mjs

test: test-deps unit-tests browser-tests

asan: deps
	@scripts/deps.sh --test # PostgreSQL 15 for the tests' throwaway cluster
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j $(JOBS)

bench: build test-deps
	bench/run.sh
	bench/assess.sh
	bench/scan.sh
	bench/pg.sh

clean:
	rm -rf build
