# Two commands on a fresh clone: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system demo test lint bench clean

# Debian packages the servers beside the crawler need (services/); `make system` runs
# apt-get update once and installs those missing. Machines run as root (docs/decisions.md).
APT_PACKAGES :=
SYSTEM_STAMP := .run/system-$(shell echo $(APT_PACKAGES) | md5sum | cut -c1-12).stamp

install: $(STAMP)

system: $(SYSTEM_STAMP)

$(SYSTEM_STAMP):
	@mkdir -p .run
	@missing=$$(for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" \
		|| echo $$package; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@touch $@

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

demo: install
	$(BIN)/python -m tests.replica.demo

test: install system lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
