# qari: `make run` opens the seeds, `make test` runs every test. Both install what is missing first.
SWIFT ?= swift
PACKAGES := pkg-config libncursesw5-dev libfribidi-dev libsqlite3-dev unicode-data tmux
BENCH_ARTICLES ?= 100000
BENCH_DIR ?= .build/bench-corpus-$(BENCH_ARTICLES)
ARGS ?=

.PHONY: all deps build run test bench clean

all: build

# Installs the Debian packages qari needs when running as root; otherwise prints the command.
deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "qari: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null || exit 1; \
	  else \
	    echo "qari: missing Debian packages. Install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

run: build
	.build/debug/qari $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-swift-testing

# Speed figures on a generated corpus (kept under .build, made once).
bench: deps
	$(SWIFT) build -c release --product qari-bench
	@if [ ! -d "$(BENCH_DIR)" ]; then \
	  echo "bench: generating $(BENCH_ARTICLES) articles into $(BENCH_DIR)"; \
	  python3 bench/make-corpus.py --articles $(BENCH_ARTICLES) --seeds seeds --out "$(BENCH_DIR).tmp" && mv "$(BENCH_DIR).tmp" "$(BENCH_DIR)"; \
	fi
	.build/release/qari-bench "$(BENCH_DIR)" seeds

clean:
	rm -rf .build
