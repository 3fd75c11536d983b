# Rebuild NIFU STEP report 38/2010's survey chapter: notebooks -> figures -> report.
# `make help` lists the targets. Everything runs in .venv, which the first target creates.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON_SYSTEM ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

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
NOTEBOOK_INPUTS := $(PARAMS_JSON) $(DATA_STAMP) $(PACKAGE) data/codebook.csv data/published/survey_values.csv

# Which figures each notebook draws (file targets, so `make figures/fig-3-2.png` works).
FIGS_01_capital_access := fig-3-1 table-3-1
FIGS_02_markets := fig-3-2
FIGS_03_adaptation := fig-3-3 fig-3-4 fig-3-5 fig-3-6 fig-3-7
FIGS_04_roles := fig-3-8
FIGURE_FILES := $(foreach nb,01_capital_access 02_markets 03_adaptation 04_roles,\
  $(foreach f,$(FIGS_$(nb)),$(FIGURES)/$(f).csv $(if $(filter table-%,$(f)),,$(FIGURES)/$(f).png)))

.PHONY: help report figures test lint clean lock FORCE

help: ## Show this list of targets
	@echo "Usage: make TARGET [EDITION=nb|en] [DATA=file.csv] [BUILD=folder] [PROGRAMME=all|NCE|Arena]"
	@grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

report: $(REPORT) ## Build the stitched report (report/report.html; EDITION=en: report.en.html)

figures: $(FIGURE_FILES) ## Draw Figures 3.1-3.8 and Table 3.1 (PNG, SVG, CSV) into figures/

test: $(INSTALLED) ## Run the test suite (sets up .venv first)
	$(PY) -m pytest

lint: $(INSTALLED) ## Check code style and that committed notebooks carry no outputs
	$(VENV)/bin/ruff check $(wildcard src tests benchmarks)
	$(VENV)/bin/nbstripout --verify $(NOTEBOOKS)

clean: ## Remove what the build made in BUILD (figures, report, executed notebooks); keep .venv
	find $(BUILD)/figures $(BUILD)/report $(BUILD)/build -mindepth 1 ! -name .gitignore -delete 2>/dev/null || true

lock: ## Re-resolve requirements.in into requirements.lock (needs the network)
	rm -rf .venv-lock && $(PYTHON_SYSTEM) -m venv .venv-lock
	.venv-lock/bin/pip install -q -r requirements.in
	{ echo "# Exact versions of every package, resolved from requirements.in with Python 3.11."; \
	  echo "# Regenerate: make lock"; .venv-lock/bin/pip freeze --all | grep -v "^pip=="; } > requirements.lock
	rm -rf .venv-lock

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Checked on every run; rewritten only when the parameters or the data file's bytes change,
# so an unchanged build reruns nothing.
$(PARAMS_JSON) $(DATA_STAMP) &: report.yml $(INSTALLED) FORCE
	@$(PY) -m klyngekrise.build prepare --build "$(BUILD)" --edition $(EDITION) $(addprefix --set ,$(OVERRIDES))

$(EXECUTED)/%.ipynb: notebooks/%.ipynb $(NOTEBOOK_INPUTS)
	@$(PY) -m klyngekrise.build run $< --build "$(BUILD)" --edition $(EDITION)

# The audit reads every figure CSV, so it runs after the survey notebooks.
$(EXECUTED)/05_audit.ipynb: $(filter-out $(EXECUTED)/00_% $(EXECUTED)/05_%,$(EXECUTED_NOTEBOOKS))

define figure_rule
$(foreach f,$(FIGS_$(1)),$(FIGURES)/$(f).csv $(if $(filter table-%,$(f)),,$(FIGURES)/$(f).png)): $(EXECUTED)/$(1).ipynb
	@test -f $$@ || { echo "$$@ was not written by notebooks/$(1).ipynb" >&2; exit 1; }
endef
$(foreach nb,01_capital_access 02_markets 03_adaptation 04_roles,$(eval $(call figure_rule,$(nb))))

$(REPORT): $(EXECUTED_NOTEBOOKS) $(TEMPLATE) $(PACKAGE)
	@$(PY) -m klyngekrise.build stitch --build "$(BUILD)" --edition $(EDITION)
