# Resilience Planner — developer commands. `make test` and `make demo` set themselves up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PLUGIN   := resilience_plugin
VERSION  := $(shell sed -n 's/^version=//p' metadata.txt)
VENV     := .venv
PY       := $(VENV)/bin/python
BUILD    := build
ZIP      := dist/$(PLUGIN)-$(VERSION).zip
TS       := i18n/$(PLUGIN)_zh_CN.ts
QM       := $(TS:.ts=.qm)
APT_PKGS := qgis python3-qgis qgis-providers fonts-noto-cjk xvfb xauth qttools5-dev-tools pyqt5-dev-tools poppler-utils \
            python3-dev python3-venv build-essential libgeos-dev libproj-dev
PIP_REQS := requirements-dev.txt
STAMP    := $(VENV)/.installed
# qgis_process and the tests run headless, with a throw-away QGIS profile.
export QT_QPA_PLATFORM := offscreen
export QGIS_CUSTOM_CONFIG_PATH := $(CURDIR)/$(BUILD)/qgis-profile

.PHONY: help setup system-deps venv test lint ts qm package validate demo bench styles clean

help:
	@echo "make test      install what is missing, build translations, run the whole suite headless"
	@echo "make demo      run the resilience workflow on the bundled sample data with qgis_process -> output/"
	@echo "make package   build $(ZIP)"
	@echo "make validate  check the zip the way plugins.qgis.org does"
	@echo "make lint      ruff"
	@echo "make ts / qm   refresh translation sources / compile them"
	@echo "make bench     benchmarks against QGIS native algorithm chains (QUICK=1: smallest sizes)"
	@echo "make styles    regenerate the QML styles and layout templates"

# --- setup ---------------------------------------------------------------------------------
system-deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# shapely and pyproj are built against the system GEOS / PROJ that QGIS itself links: inside QGIS
# and qgis_process a wheel's bundled copies would clash with the libraries QGIS already loaded.
PIP := $(PY) -m pip install -q --disable-pip-version-check
$(STAMP): $(PIP_REQS) | system-deps
	test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PIP) "numpy>=1.24,<2" "cython<3" setuptools wheel
	$(PIP) --no-binary shapely "shapely>=2.0,<2.2"
	PROJ_DIR=/usr $(PIP) --no-build-isolation --no-binary pyproj "pyproj==3.6.1"
	$(PIP) -r $(PIP_REQS)
	touch $@

venv: system-deps $(STAMP)

setup: venv qm

# --- translations --------------------------------------------------------------------------
ts: venv
	$(PY) scripts/update_ts.py

qm: $(QM)

$(QM): $(TS) | system-deps
	lrelease -silent $(TS) -qm $(QM)

# --- quality -------------------------------------------------------------------------------
test: setup
	$(PY) -m pytest -q -p no:cacheprovider --qgis_disable_gui tests $(PYTEST_ARGS)

lint: venv
	$(PY) -m ruff check $(PLUGIN) tests scripts bench

# --- packaging -----------------------------------------------------------------------------
package: qm
	$(PY) scripts/package.py --out $(ZIP) --build $(BUILD)/$(PLUGIN)

validate: package
	$(PY) scripts/validate_zip.py $(ZIP)

# --- demo ----------------------------------------------------------------------------------
demo: setup package
	$(PY) scripts/demo.py --plugin-dir $(BUILD) --out output

# Regenerate resources/styles/*.qml and resources/layouts/*.qpt from palettes.json (reproducible).
styles: venv
	$(PY) scripts/make_styles.py
	$(PY) scripts/make_layouts.py

bench: setup
	$(PY) scripts/bench.py $(if $(QUICK),--quick,)

clean:
	rm -rf $(BUILD) dist output .pytest_cache $(QM)
	find . -name __pycache__ -prune -exec rm -rf {} +
