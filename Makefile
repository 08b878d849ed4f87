# Two commands on a fresh clone: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system demo test lint bench clean

# Debian packages the servers beside the crawler need (services/); `make system` runs
# apt-get update once and installs those missing. Machines run as root (docs/decisions.md).
APT_PACKAGES := redis-server
# Splash 3.5 (services/splash.py): Debian's PyQt5 with QtWebKit/QtWebEngine, its Twisted
# reactor, the X server it draws into, and venv for the Splash venv on Debian's Python.
APT_PACKAGES += python3-pyqt5.qtwebkit python3-pyqt5.qtwebengine python3-qt5reactor xvfb python3-venv
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

test: install system splash-venv lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

# scrapyd on a free loopback port (services/scrapyd.py; .run/scrapyd.json), this checkout
# deployed to it, the nightly crawl of every site profile scheduled on it (README.md).
.PHONY: scrapyd scrapyd-stop deploy schedule
scrapyd: install
	$(BIN)/python -m services.scrapyd start

scrapyd-stop:
	$(BIN)/python -m services.scrapyd stop

deploy: scrapyd
	$(BIN)/python -m services.scrapyd deploy

schedule: deploy
	$(BIN)/python -m services.scrapyd schedule --output $(CURDIR)/output

# Redis for runs on more than one machine (services/redis.py; .run/redis.json): prints the
# REDIS_URL to give every worker (README.md, "More than one machine").
.PHONY: redis redis-stop
redis: install system
	$(BIN)/python -m services.redis start

redis-stop:
	$(BIN)/python -m services.redis stop

# A real Splash 3.5 for rendering (services/splash.py; .run/splash.json). splash-venv
# makes .splash-venv on Debian's Python (a no-op when up to date); `make splash` starts
# the server and prints the SPLASH_URL to crawl with (README.md, "Rendering").
.PHONY: splash splash-stop splash-venv
splash-venv: install system
	$(BIN)/python -m services.splash install

splash: splash-venv
	$(BIN)/python -m services.splash start

splash-stop:
	$(BIN)/python -m services.splash stop

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .splash-venv .pytest_cache .ruff_cache
