# Rebuild NIFU STEP report 38/2010's survey chapter: notebooks -> figures -> report.
# `make help` lists the targets. Everything runs in .venv, which the first target creates.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# The build's inputs are one grouped target (`&:`), which GNU make has since 4.3.
ifeq ($(filter grouped-target,$(.FEATURES)),)
$(error this Makefile needs GNU make 4.3 or newer; this is make $(MAKE_VERSION) (on a Mac: `brew install make`, then run `gmake`))
endif
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

# Defaults come from report.yml, the one parameter file, read and checked by the project's own
# reader (klyngekrise.params), never by sed; make variables override them. DATA is not needed
# by make: when given it goes to `build prepare`, which checks it. PROGRAMME names paths, so
# make checks it first (all, NCE or Arena: params.PROGRAMME_CHOICES, held to it by a test).
MAKE_DEFAULTS := build/make-defaults.mk
ifneq ($(filter-out help clean lock lab git-filter,$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
include $(MAKE_DEFAULTS)
endif
EDITION ?= $(or $(REPORT_LANGUAGE),nb)
DATA ?=
ifeq ($(origin PROGRAMME),undefined)
PROGRAMME := $(or $(REPORT_PROGRAMME),all)
endif
BUILD ?= .

# No user value reaches a shell as text: recipes read them from the environment, quoted, as
# "$$KLYNGEKRISE_BUILD", so a path with spaces, quotes, & or ; is only ever a path. $(value)
# keeps a `$` in DATA as typed.
export KLYNGEKRISE_BUILD := $(BUILD)
export KLYNGEKRISE_DATA = $(value DATA)
# `make compare`'s two builds and its CSV, read by the recipe from the environment too.
export KLYNGEKRISE_A = $(value A)
export KLYNGEKRISE_B = $(value B)
export KLYNGEKRISE_OUT = $(value OUT)
# make itself names targets with BUILD: it splits them at white space and reads the characters
# below as its own syntax, so a BUILD holding one is refused before anything runs (a symlink
# to the folder, named without them, works). Quotes, &, ! and non-ASCII letters are fine.
comma := ,
hash := \#
dollar := $$
BUILD_UNSAFE := $(strip $(foreach c,: ; % = \ * ? [ ] | < > ( ) $(comma) $(hash) $(dollar),\
  $(if $(findstring $c,$(value BUILD)),$c)))
ifeq ($(strip $(value BUILD)),)
$(error BUILD is empty; name a folder (BUILD=. is the project's own))
else ifneq ($(words x$(value BUILD)x),1)
$(error BUILD '$(value BUILD)' contains a space, which make cannot put in a file name; use a folder (or a symlink to it) named without spaces)
else ifneq ($(BUILD_UNSAFE),)
$(error BUILD '$(value BUILD)' contains $(BUILD_UNSAFE), which make reads as its own syntax; use a folder (or a symlink to it) named without $(BUILD_UNSAFE))
endif
ifneq ($(filter nb en,$(EDITION))/$(words $(EDITION)),$(EDITION)/1)
$(error EDITION is '$(EDITION)'; allowed: nb, en)
endif
ifneq ($(filter all NCE Arena,$(value PROGRAMME))/$(words $(value PROGRAMME)),$(value PROGRAMME)/1)
$(error PROGRAMME is '$(value PROGRAMME)'; allowed: all, NCE, Arena)
endif

# A selection (an edition, a programme) writes into paths of its own, never over another's:
# figures/en/NCE/ and report/report.en.NCE.html beside figures/ and report/report.html.
SELECTED := $(if $(filter all,$(PROGRAMME)),,$(PROGRAMME))
WORK := $(BUILD)/build/$(EDITION)$(if $(SELECTED),-$(SELECTED))
EXECUTED := $(WORK)/executed
FIGURES := $(BUILD)/figures$(if $(filter nb,$(EDITION)),,/$(EDITION))$(if $(SELECTED),/$(SELECTED))
REPORT := $(BUILD)/report/report$(if $(filter nb,$(EDITION)),,.$(EDITION))$(if $(SELECTED),.$(SELECTED)).html
SELECTION := --edition $(EDITION) --programme $(PROGRAMME)
PARAMS_JSON := $(WORK)/params.json
DATA_STAMP := $(WORK)/data.sha256
# The package and the edition's words (its gettext catalogues): a changed word rebuilds what shows it.
PACKAGE := $(wildcard src/klyngekrise/*.py src/klyngekrise/locale/*/LC_MESSAGES/*.po)
TEMPLATE := $(wildcard templates/report/*)
# The report's notebooks, in order: only those listed in notebooks/_toc.yml run and are stitched
# (read by klyngekrise.params into the make defaults).
NOTEBOOKS := $(REPORT_NOTEBOOKS)
EXECUTED_NOTEBOOKS := $(patsubst notebooks/%,$(EXECUTED)/%,$(NOTEBOOKS))
OUTPUT_CHECKS := $(patsubst notebooks/%.ipynb,$(WORK)/made/%.check,$(NOTEBOOKS))
OVERRIDES := --set language=$(EDITION) $(if $(value DATA),--set "data_path=$$KLYNGEKRISE_DATA") \
  --set programme=$(PROGRAMME)
NOTEBOOK_INPUTS := $(PARAMS_JSON) $(DATA_STAMP) $(PACKAGE) data/codebook.csv front_matter.yml \
  docs/assumptions.yml $(wildcard data/published/*.csv data/report/*.csv data/report/*.yml)

# What each notebook writes (file targets, so `make figures/fig-3-2.png` works): notebooks/_toc.yml
# lists it per notebook (`outputs:`), the one registry, read into the make defaults as
# OUTPUTS_<notebook> by klyngekrise.params. Tables write a CSV only; figures a PNG and a CSV
# (and the other formats in report.yml).
DRAWING_NOTEBOOKS := $(patsubst OUTPUTS_%,%,$(filter OUTPUTS_%,$(.VARIABLES)))
files_of = $(foreach f,$(OUTPUTS_$(1)),$(FIGURES)/$(f).csv $(if $(filter table-%,$(f)),,$(FIGURES)/$(f).png))
SURVEY_CSVS := $(foreach nb,03_capital_access 04_markets 05_adaptation 06_roles,$(filter %.csv,$(call files_of,$(nb))))
FIGURE_FILES := $(foreach nb,$(DRAWING_NOTEBOOKS),$(call files_of,$(nb)))
# The build date in the provenance appendix: the commit's time, so rebuilds are identical.
# Asked of git once (`:=`), not again for every recipe it is exported to.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
export SOURCE_DATE_EPOCH

.PHONY: help report figures pdf compare lab git-filter test test-fast test-browser bench lint clean lock FORCE

help: ## Show this list of targets
	@echo "Usage: make TARGET [EDITION=nb|en] [DATA=file.csv] [BUILD=folder] [PROGRAMME=all|NCE|Arena]"
	@grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  %-13s %s\n", $$1, $$2}'

report: $(REPORT) ## Build the stitched report (report/report.html; EDITION=en: report.en.html)

figures: $(FIGURE_FILES) ## Draw every figure and table (PNG, SVG, CSV) into figures/

pdf: $(REPORT:.html=.pdf) ## Print the report to PDF with headless Chromium (report/report.pdf)

$(REPORT:.html=.pdf): $(REPORT)
	@$(PY) -m klyngekrise.build pdf --build "$$KLYNGEKRISE_BUILD" $(SELECTION)

compare: $(BUILD_INSTALLED) ## List every figure value that differs: A=folder B=folder [OUT=file.csv]
	@$(PY) -m klyngekrise.compare "$$KLYNGEKRISE_A" "$$KLYNGEKRISE_B" --out "$$KLYNGEKRISE_OUT"

lab: $(INSTALLED) ## Start JupyterLab in the project's environment (notebooks run alone write to build/scratch/)
	env -u MPLBACKEND $(VENV)/bin/jupyter lab

# Notebooks are committed without outputs: git strips them on `git add` once this filter is set,
# with the metadata a save or a run adds (language_info, papermill's, execution times) and with
# cell ids kept (an inserted cell changes no other), so opening, running and saving a notebook
# leaves `git status` clean. `make lint` checks the committed notebooks with the same options.
NBSTRIPOUT_KEYS := metadata.language_info metadata.papermill metadata.toc metadata.vscode \
  cell.metadata.papermill cell.metadata.execution cell.metadata.jp-MarkdownHeadingCollapsed \
  cell.metadata.editable cell.metadata.deletable cell.metadata.slideshow cell.metadata.trusted
# The notebooks git tracks, as git holds them (a student's copy or scratch notebook beside
# them, or a shipped one saved with outputs but filtered on `git add`, is theirs).
LINTED_NOTEBOOKS = $(or $(shell git ls-files 'notebooks/*.ipynb' 2>/dev/null),$(wildcard notebooks/*.ipynb))
NBSTRIPOUT := $(VENV)/bin/nbstripout --keep-id --extra-keys "$(NBSTRIPOUT_KEYS)"
INSTALL_GIT_FILTER = if git rev-parse --git-dir >/dev/null 2>&1; then $(VENV)/bin/nbstripout --install \
  && git config filter.nbstripout.clean '"$(abspath $(VENV))/bin/nbstripout" --keep-id' \
  && git config diff.ipynb.textconv '"$(abspath $(VENV))/bin/nbstripout" --keep-id -t' \
  && git config filter.nbstripout.extrakeys "$(NBSTRIPOUT_KEYS)"; fi
git-filter: | $(INSTALLED) ## Install nbstripout as this clone's git filter (the set-up does it too)
	@$(INSTALL_GIT_FILTER)

# The tests' own make calls run as a user's do, at the top level (messages say `make:`).
# Tests run in random order (pytest-randomly prints its seed; `.venv/bin/python -m pytest
# --randomly-seed=N` repeats an order).
test: $(INSTALLED) ## Run the test suite: unit tests and end-to-end builds (sets up .venv first)
	env -u MAKELEVEL $(PY) -m pytest -m "not browser"

test-fast: $(INSTALLED) ## Run the unit tests only (no make, kernel, install or whole render; about a minute)
	env -u MAKELEVEL $(PY) -m pytest -m "not browser and not build"

test-browser: $(INSTALLED) ## Open the report in headless Chromium and check it (needs chromium)
	env -u MAKELEVEL $(PY) -m pytest -m browser

bench: $(INSTALLED) ## Time the build against a one-process limit; writes benchmarks/results.md
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $(PY) benchmarks/run.py

lint: $(INSTALLED) ## Check code style and that the committed notebooks carry no outputs or run metadata
	$(VENV)/bin/ruff check $(wildcard src tests benchmarks)
	@for f in $(LINTED_NOTEBOOKS); do { git show ":$$f" 2>/dev/null || cat "$$f"; } \
	  | $(NBSTRIPOUT) --verify >/dev/null || { echo "$$f: committed with outputs or run metadata;" \
	  "run make git-filter, then git add it" >&2; exit 1; }; done

clean: ## Remove what the build wrote in BUILD, by its manifests; keep .venv and all else
	@PYTHONPATH=src $(PYTHON_SYSTEM) -m klyngekrise.clean --build "$$KLYNGEKRISE_BUILD"

# Universal (every platform's markers) and hashed; requirements-dev.lock holds everything
# `make test` installs, requirements.lock's pins among them.
UV_COMPILE = .venv-lock/bin/uv pip compile -q --python .venv-lock/bin/python --universal \
  --python-version 3.11.5 --generate-hashes --no-header --no-annotate \
  --overrides requirements-overrides.txt
lock: ## Re-resolve requirements.in and requirements-dev.in into the two locks, with hashes (needs the network)
	rm -rf .venv-lock && $(PYTHON_SYSTEM) -m venv .venv-lock
	.venv-lock/bin/pip install -q uv==$(UV_VERSION)
	$(UV_COMPILE) requirements.in -o .venv-lock/build.txt
	$(UV_COMPILE) requirements-dev.in -c .venv-lock/build.txt -o .venv-lock/all.txt
	{ head -n 3 requirements.lock; cat .venv-lock/build.txt; } > requirements.lock.new
	{ head -n 3 requirements-dev.lock; cat .venv-lock/all.txt; } > requirements-dev.lock.new
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

# --no-deps: the lock is complete, less what requirements-overrides.txt leaves out.
$(INSTALLED): requirements-dev.lock $(BUILD_INSTALLED)
	$(call install,--no-deps -r requirements-dev.lock)
	@$(INSTALL_GIT_FILTER)
	touch $@

# Checked on every run; rewritten only when the parameters or the data file's bytes change,
# so an unchanged build reruns nothing.
$(PARAMS_JSON) $(DATA_STAMP) $(WORK)/inputs.sha256 $(OUTPUT_CHECKS) &: report.yml $(BUILD_INSTALLED) FORCE
	@$(PY) -m klyngekrise.build prepare --build "$$KLYNGEKRISE_BUILD" $(SELECTION) $(OVERRIDES)

# The build draws with a non-interactive backend; the package never chooses one, so a
# notebook opened in JupyterLab shows its plots inline.
$(EXECUTED)/%.ipynb: export MPLBACKEND = Agg
# A run also records what the notebook wrote; `prepare` touches its made/%.check when those
# files no longer hold these bytes (a stand-alone run wrote over them), whatever their dates.
$(EXECUTED)/%.ipynb: notebooks/%.ipynb $(WORK)/made/%.check $(NOTEBOOK_INPUTS)
	@$(PY) -m klyngekrise.build run "$<" --build "$$KLYNGEKRISE_BUILD" $(SELECTION)

# The audit reads the survey figures' CSVs; outputs are rewritten only when their bytes
# change, so rerunning a survey notebook with the same results does not rerun the audit.
$(EXECUTED)/11_audit.ipynb: $(SURVEY_CSVS)
# From those CSVs the audit also writes every wave change with its Newcombe interval.
CHANGES_CSV := $(FIGURES)/changes.csv
$(CHANGES_CSV): export KLYNGEKRISE_OUTPUT = $@
$(CHANGES_CSV): $(EXECUTED)/11_audit.ipynb
	@test -f "$$KLYNGEKRISE_OUTPUT" || { echo "$$KLYNGEKRISE_OUTPUT was not written by notebooks/11_audit.ipynb" >&2; exit 1; }
# Provenance lists every input's checksum and the commit: it reruns when one of them changes.
$(EXECUTED)/10_provenance.ipynb: $(WORK)/inputs.sha256

define outputs_rule
$(call files_of,$(1)): export KLYNGEKRISE_OUTPUT = $$@
$(call files_of,$(1)): $(EXECUTED)/$(1).ipynb
	@test -f "$$$$KLYNGEKRISE_OUTPUT" || { echo "$$$$KLYNGEKRISE_OUTPUT was not written by notebooks/$(1).ipynb" >&2; exit 1; }
endef
$(foreach nb,$(DRAWING_NOTEBOOKS),$(eval $(call outputs_rule,$(nb))))

$(REPORT): $(EXECUTED_NOTEBOOKS) $(TEMPLATE) $(PACKAGE) notebooks/_toc.yml front_matter.yml
	@$(PY) -m klyngekrise.build stitch --build "$$KLYNGEKRISE_BUILD" $(SELECTION)

$(MAKE_DEFAULTS): report.yml notebooks/_toc.yml src/klyngekrise/params.py src/klyngekrise/contract.py \
  $(BUILD_INSTALLED)
	@$(PY) -m klyngekrise.params $@

# Interrupted (Ctrl-C) or failed, make deletes the target a recipe was making if its file
# changed. Every recipe here writes by rename (klyngekrise.files), so a target is either the
# last good file or a complete new one, and deleting it would only lose a good output (once,
# the report just stitched). So every build output is .PRECIOUS, and .DELETE_ON_ERROR is
# deliberately not set. $(INSTALLED) is neither: it is touched only after set-up succeeded.
.PRECIOUS: $(REPORT) $(REPORT:.html=.pdf) $(EXECUTED)/%.ipynb $(EXECUTED_NOTEBOOKS) \
  $(FIGURE_FILES) $(CHANGES_CSV) $(PARAMS_JSON) $(DATA_STAMP) $(WORK)/inputs.sha256 $(MAKE_DEFAULTS) \
  $(OUTPUT_CHECKS)
