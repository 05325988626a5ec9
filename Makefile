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
# Always: QGIS, fonts for Chinese, a virtual screen, Qt translation tools, PDF tools, venv, the
# `proj` program (pyproj in a venv finds PROJ's data next to it; pyproj's source build runs it), and
# PostgreSQL + PostGIS (the format tests start a throw-away server as its own user, with runuser from
# util-linux, which Debian 13 no longer installs everywhere; the names follow the distribution).
APT_PKGS := qgis python3-qgis qgis-providers fonts-noto-cjk xvfb xauth qttools5-dev-tools pyqt5-dev-tools \
            poppler-utils python3-venv proj-bin postgresql postgresql-postgis util-linux
# Debian 13 and later (the distribution ships shapely >= 2): its own stack, built against its GEOS/PROJ/numpy.
APT_PY_DISTRO := python3-numpy python3-shapely python3-pyproj python3-pandas python3-geopandas python3-scipy \
                 python3-networkx
# Debian 12: shapely and pyproj are built from source against the system GEOS / PROJ.
APT_PY_SOURCE := python3-dev build-essential libgeos-dev libproj-dev
export APT_PKGS APT_PY_DISTRO APT_PY_SOURCE
PIP_REQS := requirements-dev.txt requirements-source.txt requirements-dask.txt scripts/setup_env.sh
STAMP    := $(VENV)/.installed
# qgis_process and the tests run headless, with a throw-away QGIS profile.
export QT_QPA_PLATFORM := offscreen
export QGIS_CUSTOM_CONFIG_PATH := $(CURDIR)/$(BUILD)/qgis-profile

.PHONY: help setup system-deps venv test test-core test-matrix lint ts qm package validate demo bench styles clean

help:
	@echo "make test      install what is missing, build translations, run the whole suite headless"
	@echo "make demo      run the resilience workflow on the bundled sample data with qgis_process -> output/"
	@echo "make test-matrix  the same in fresh Debian 12 / 13 / sid roots (QGIS 3.22 / 3.40 / 3.44; needs root)"
	@echo "make package   build $(ZIP)"
	@echo "make validate  check the zip the way plugins.qgis.org does"
	@echo "make test-core the analysis core's tests without QGIS"
	@echo "make lint      ruff (complexity and line length included) and mypy on core/"
	@echo "make ts / qm   refresh translation sources / compile them"
	@echo "make bench     benchmarks against QGIS native algorithm chains (QUICK=1: smallest sizes)"
	@echo "make styles    regenerate the QML styles and layout templates"

# --- setup ---------------------------------------------------------------------------------
# scripts/setup_env.sh installs the Debian packages and builds .venv; it chooses the distribution's
# scientific stack where that has shapely >= 2 (Debian 13+), else builds shapely/pyproj from source.
$(STAMP): $(PIP_REQS)
	bash scripts/setup_env.sh $(VENV)
	touch $@

system-deps:
	@bash -c 'for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || { echo "missing Debian package $$p: run make venv"; exit 1; }; done'

venv: $(STAMP)

setup: venv qm

# --- translations --------------------------------------------------------------------------
ts: venv
	$(PY) scripts/update_ts.py

qm: $(QM)

$(QM): $(TS) | $(STAMP)
	lrelease -silent $(TS) -qm $(QM)

# --- quality -------------------------------------------------------------------------------
test: setup
	$(PY) -m pytest -q -p no:cacheprovider --qgis_disable_gui tests $(PYTEST_ARGS)

# The analysis core alone, without QGIS (pytest-qgis not loaded): seconds, for work on core/.
test-core: venv
	$(PY) -m pytest -q -p no:cacheprovider -p no:pytest_qgis tests/core $(PYTEST_ARGS)

# The same `make test` in fresh Debian roots (needs root and mmdebstrap): bookworm = QGIS 3.22,
# trixie = QGIS 3.40, sid = QGIS 3.44. SUITES="trixie" for one; WORKTREE=1 tests uncommitted changes.
SUITES ?= bookworm trixie sid
test-matrix:
	@for s in $(SUITES); do FRESH_WORKTREE=$(WORKTREE) bash scripts/fresh_root.sh $$s test demo || exit 1; done

lint: venv
	$(PY) -m ruff check $(PLUGIN) resilience_dask tests scripts bench
	$(PY) -m mypy

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
