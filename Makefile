# The digest's commands. Targets are named as pelican-quickstart names them.
# Every target that needs Python first builds .venv from the pinned requirements.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN ?= $(BIN)/pelican
PYTHON := $(BIN)/python

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py
PORT ?= 8000
SITEURL ?=
STRICT ?=
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_REMOTE ?= origin
GITHUB_PAGES_COMMIT_MESSAGE ?= Publish the digest

PELICANOPTS ?=
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif
# One -e for all overrides: Pelican keeps only the last -e it is given.
OVERRIDES :=
ifneq ($(SITEURL),)
	OVERRIDES += 'SITEURL="$(SITEURL)"'
endif
ifeq ($(STRICT), 1)
	OVERRIDES += 'WIRE_STRICT=true'
endif
ifneq ($(strip $(OVERRIDES)),)
	PELICANOPTS += -e $(strip $(OVERRIDES))
endif

# The stamp depends on the requirement files, so editing one re-installs;
# an unchanged tree reuses .venv as it is.
STAMP := $(VENV)/.installed
REQS := requirements.txt requirements-dev.txt requirements.lock

.DEFAULT_GOAL := help

help:
	@echo 'Makefile for the regional news digest'
	@echo ''
	@echo 'Usage:'
	@echo '   make html                 (re)generate the web site into $$(OUTPUTDIR)'
	@echo '   make test                 set up, then run every test'
	@echo '   make clean                remove the generated files'
	@echo '   make regenerate           regenerate files upon modification'
	@echo '   make serve [PORT=8000]    serve site at http://localhost:8000'
	@echo '   make devserver [PORT=8000] serve and regenerate together'
	@echo '   make publish              generate using production settings'
	@echo '   make github               upload the web site via gh-pages'
	@echo '   make -s inspect FILES=... print one JSON object per wire file'
	@echo '   make eval                 measure quality on ../shared/corpora'
	@echo '   make bench                measure speed against plain Pelican'
	@echo ''
	@echo 'Set DEBUG=1, RELATIVE=1, STRICT=1, SITEURL=..., INPUTDIR=..., OUTPUTDIR=...'

$(STAMP): $(REQS)
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt -c requirements.lock
	@touch $@

venv: $(STAMP)

html: $(STAMP)
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

clean:
	[ ! -d "$(OUTPUTDIR)" ] || rm -rf "$(OUTPUTDIR)"

regenerate: $(STAMP)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

serve: $(STAMP)
	$(PELICAN) -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT)

serve-global: $(STAMP)
	$(PELICAN) -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT) -b 0.0.0.0

devserver: $(STAMP)
	$(PELICAN) -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT)

# Builds into a sibling temporary directory and swaps it in only on success,
# so a failed or interrupted build never leaves a half-written site.
publish: $(STAMP)
	$(PYTHON) scripts/safe_publish.py "$(OUTPUTDIR)" -- $(PELICAN) "$(INPUTDIR)" -s "$(PUBLISHCONF)" $(PELICANOPTS)

github: publish
	$(BIN)/ghp-import -m "$(GITHUB_PAGES_COMMIT_MESSAGE)" -b $(GITHUB_PAGES_BRANCH) --no-jekyll --no-history \
		$$($(PYTHON) scripts/site_setting.py GITHUB_PAGES_CNAME "$(PUBLISHCONF)" --flag -c) \
		-p -f -r $(GITHUB_PAGES_REMOTE) "$(OUTPUTDIR)"

inspect: $(STAMP)
	@$(PYTHON) scripts/inspect_wire.py $(FILES)

eval: $(STAMP)
	$(PYTHON) scripts/eval.py

bench: $(STAMP)
	$(PYTHON) scripts/bench.py $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(N),--sizes $(N))

# Browser and validator tools the tests need, installed when missing.
test-tools:
	@bash scripts/install_test_tools.sh

test: $(STAMP) test-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lock: $(STAMP)
	(echo '# Every package in the venv, pinned (pip freeze). Used as constraints: pip install -r requirements-dev.txt -c requirements.lock'; $(BIN)/pip freeze | grep -v '^-e') > requirements.lock

.PHONY: help venv html clean regenerate serve serve-global devserver publish github inspect eval bench test test-tools lock
