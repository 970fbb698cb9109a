# panorama — set-up, build, run, test, bench. `make run` and `make test` work on a fresh Debian.
SWIFT ?= swift
PACKAGES := libedit-dev liblapacke-dev libopenblas-dev libzmq3-dev zlib1g-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup deps build run test bench fuzz clean

all: build

# Install the system libraries when any is missing (apt-get update first, as Debian needs).
deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

setup: deps build

build: deps
	$(SWIFT) build -c release --product panorama

# Set up, build in release mode and start the shell.
run: setup
	./.build/release/panorama

# Set up and run every test (unit, end to end, notebooks; then the Jupyter kernel with Jupyter's
# own clients: jupyter_kernel_test's conformance suite and nbclient on the converted notebooks).
test: deps
	$(SWIFT) build --build-tests
	# BLAS runs on one thread in the test process too: LinearAlgebra sets it before its first
	# BLAS call (BLASThreads.useOne), so no environment variable is needed.
	$(SWIFT) test --skip-build
	@python3 -c "import jupyter_kernel_test, jupyter_client, nbclient, nbformat" 2>/dev/null || python3 -m pip install -q jupyter_kernel_test jupyter_client nbclient nbformat
	PANORAMA=.build/debug/panorama python3 -m unittest discover -s tests/jupyter -t tests/jupyter

# Build release and run the benchmarks against their peers (numpy, pandas, statsmodels, plotext,
# openpyxl, ipykernel: bench/requirements.txt, installed when one is missing or not at its pin).
bench: setup
	@python3 bench/run.py --check-requirements 2>/dev/null || python3 -m pip install -q -r bench/requirements.txt
	python3 bench/run.py

clean:
	rm -rf .build
