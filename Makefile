# Rebuild NIFU STEP report 38/2010's survey chapter: notebooks -> figures -> report.
# `make help` lists the targets. Everything runs in .venv, which the first target creates.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# Independent notebooks run side by side, one per core; `make -j1` (or JOBS=1) runs them in turn.
# Outputs are the same bytes either way (a test builds in parallel and compares).
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
MAKEFLAGS += --jobs=$(JOBS)
PYTHON_SYSTEM ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Set-up: `make report` installs requirements.lock (what the build needs); `make test`, `lint`
# and `lab` add requirements-dev.lock. SETUP=pip skips uv.
BUILD_INSTALLED := $(VENV)/.installed-build
INSTALLED := $(VENV)/.installed
SETUP ?= uv
UV_VERSION := 0.13.9

# Defaults come from report.yml, the one parameter file; make variables override them.
param = $(shell sed -n 's/^$(1): *\([^ #]*\).*/\1/p' report.yml)
EDITION ?= $(call param,language)
DATA ?= $(call param,data_path)
PROGRAMME ?=
BUILD ?= .
ifeq ($(filter $(EDITION),nb en),)
$(error EDITION is '$(EDITION)'; allowed: nb, en)
endif

WORK := $(BUILD)/build/$(EDITION)
EXECUTED := $(WORK)/executed
FIGURES := $(BUILD)/figures$(if $(filter nb,$(EDITION)),,/$(EDITION))
REPORT := $(BUILD)/report/report$(if $(filter nb,$(EDITION)),,.$(EDITION)).html
PARAMS_JSON := $(WORK)/params.json
DATA_STAMP := $(WORK)/data.sha256
PACKAGE := $(wildcard src/klyngekrise/*.py)
TEMPLATE := $(wildcard templates/report/*)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
EXECUTED_NOTEBOOKS := $(patsubst notebooks/%,$(EXECUTED)/%,$(NOTEBOOKS))
OVERRIDES := language=$(EDITION) data_path=$(DATA) $(if $(PROGRAMME),programme=$(PROGRAMME))
NOTEBOOK_INPUTS := $(PARAMS_JSON) $(DATA_STAMP) $(PACKAGE) data/codebook.csv \
  $(wildcard data/published/*.csv data/report/*.csv)

# What each notebook writes (file targets, so `make figures/fig-3-2.png` works). Tables write
# a CSV only; figures a PNG and a CSV (and the other formats in report.yml).
OUTPUTS_01_introduction := table-1
OUTPUTS_02_cluster_programmes := table-2-1 table-2-2
OUTPUTS_03_capital_access := fig-3-1 table-3-1
OUTPUTS_04_markets := fig-3-2
OUTPUTS_05_adaptation := fig-3-3 fig-3-4 fig-3-5 fig-3-6 fig-3-7
OUTPUTS_06_roles := fig-3-8
OUTPUTS_07_case_studies := case-4-1 case-4-2 case-4-3 case-4-4
OUTPUTS_09_appendix := table-v1 table-v2
DRAWING_NOTEBOOKS := $(patsubst OUTPUTS_%,%,$(filter OUTPUTS_%,$(.VARIABLES)))
files_of = $(foreach f,$(OUTPUTS_$(1)),$(FIGURES)/$(f).csv $(if $(filter table-%,$(f)),,$(FIGURES)/$(f).png))
SURVEY_CSVS := $(foreach nb,03_capital_access 04_markets 05_adaptation 06_roles,$(filter %.csv,$(call files_of,$(nb))))
FIGURE_FILES := $(foreach nb,$(DRAWING_NOTEBOOKS),$(call files_of,$(nb)))
# The build date in the provenance appendix: the commit's time, so rebuilds are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: help report figures pdf test test-browser bench lint clean lock FORCE

help: ## Show this list of targets
	@echo "Usage: make TARGET [EDITION=nb|en] [DATA=file.csv] [BUILD=folder] [PROGRAMME=all|NCE|Arena]"
	@grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  %-13s %s\n", $$1, $$2}'

report: $(REPORT) ## Build the stitched report (report/report.html; EDITION=en: report.en.html)

figures: $(FIGURE_FILES) ## Draw every figure and table (PNG, SVG, CSV) into figures/

pdf: $(REPORT:.html=.pdf) ## Print the report to PDF with headless Chromium (report/report.pdf)

$(REPORT:.html=.pdf): $(REPORT)
	@$(PY) -m klyngekrise.build pdf --build "$(BUILD)" --edition $(EDITION)

test: $(INSTALLED) ## Run the test suite: unit tests and end-to-end builds (sets up .venv first)
	$(PY) -m pytest -m "not browser"

test-browser: $(INSTALLED) ## Open the report in headless Chromium and check it (needs chromium)
	$(PY) -m pytest -m browser

bench: $(INSTALLED) ## Time the build against a one-process limit; writes benchmarks/results.md
	$(PY) benchmarks/run.py

lint: $(INSTALLED) ## Check code style and that committed notebooks carry no outputs
	$(VENV)/bin/ruff check $(wildcard src tests benchmarks)
	$(VENV)/bin/nbstripout --verify $(NOTEBOOKS)

clean: ## Remove what the build made in BUILD (figures, report, executed notebooks); keep .venv
	find $(BUILD)/figures $(BUILD)/report $(BUILD)/build -mindepth 1 ! -name .gitignore -delete 2>/dev/null || true

lock: ## Re-resolve requirements.in and requirements-dev.in into the two locks (needs the network)
	rm -rf .venv-lock && $(PYTHON_SYSTEM) -m venv .venv-lock
	.venv-lock/bin/pip install -q uv==$(UV_VERSION)
	.venv-lock/bin/uv pip compile -q --python .venv-lock/bin/python --no-header --no-annotate \
	  requirements.in -o .venv-lock/build.txt
	.venv-lock/bin/uv pip compile -q --python .venv-lock/bin/python --no-header --no-annotate \
	  requirements-dev.in -c .venv-lock/build.txt -o .venv-lock/all.txt
	{ sed -n '1,2p' requirements.lock; cat .venv-lock/build.txt; } > requirements.lock.new
	{ sed -n '1,2p' requirements-dev.lock; grep -vxFf .venv-lock/build.txt .venv-lock/all.txt; } \
	  > requirements-dev.lock.new
	mv requirements.lock.new requirements.lock && mv requirements-dev.lock.new requirements-dev.lock
	rm -rf .venv-lock

# Installs the exact pins with uv (itself pinned, from the same package index) when it can,
# else with pip. Bytecode is compiled at install: with PYTHONDONTWRITEBYTECODE=1 (set on some
# machines) nothing is ever cached, and every kernel would compile its imports again.
define install
if [ "$(SETUP)" = uv ] && $(VENV)/bin/pip install -q --disable-pip-version-check uv==$(UV_VERSION) \
   && $(VENV)/bin/uv pip install -q --python $(PY) --compile-bytecode $(1); then :; \
else \
  echo "set-up: installing with pip (slower)"; \
  $(VENV)/bin/pip install -q --disable-pip-version-check $(1); \
fi
endef

$(BUILD_INSTALLED): requirements.lock pyproject.toml
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(call install,-r requirements.lock)
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(INSTALLED): requirements-dev.lock $(BUILD_INSTALLED)
	$(call install,-r requirements.lock -r requirements-dev.lock)
	touch $@

# Checked on every run; rewritten only when the parameters or the data file's bytes change,
# so an unchanged build reruns nothing.
$(PARAMS_JSON) $(DATA_STAMP) $(WORK)/inputs.sha256 &: report.yml $(BUILD_INSTALLED) FORCE
	@$(PY) -m klyngekrise.build prepare --build "$(BUILD)" --edition $(EDITION) $(addprefix --set ,$(OVERRIDES))

$(EXECUTED)/%.ipynb: notebooks/%.ipynb $(NOTEBOOK_INPUTS)
	@$(PY) -m klyngekrise.build run $< --build "$(BUILD)" --edition $(EDITION)

# The audit reads the survey figures' CSVs; outputs are rewritten only when their bytes
# change, so rerunning a survey notebook with the same results does not rerun the audit.
$(EXECUTED)/11_audit.ipynb: $(SURVEY_CSVS)
# Provenance lists every input's checksum and the commit: it reruns when one of them changes.
$(EXECUTED)/10_provenance.ipynb: $(WORK)/inputs.sha256

define outputs_rule
$(call files_of,$(1)): $(EXECUTED)/$(1).ipynb
	@test -f $$@ || { echo "$$@ was not written by notebooks/$(1).ipynb" >&2; exit 1; }
endef
$(foreach nb,$(DRAWING_NOTEBOOKS),$(eval $(call outputs_rule,$(nb))))

$(REPORT): $(EXECUTED_NOTEBOOKS) $(TEMPLATE) $(PACKAGE)
	@$(PY) -m klyngekrise.build stitch --build "$(BUILD)" --edition $(EDITION)
