# Every target works from a fresh clone: the virtual environment lives in .venv in the checkout,
# the front-end libraries come from npm (pinned by package-lock.json) into a git-ignored folder.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest-xdist workers of `make test`: one per core and one more, which runs while the others wait
# for the browser, the servers they start and the time limits they provoke (bench/README.md,
# "The test suite"); `make test TEST_WORKERS=2` to choose
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

.PHONY: install install-test assets browser serve validate test bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.assets: $(BIN)/python package.json package-lock.json scripts/build-assets.sh
	sh scripts/build-assets.sh
	touch $@

assets: $(VENV)/.assets

browser:
	sh scripts/ensure-chromium.sh

install: $(VENV)/.installed $(VENV)/.assets

install-test: install $(VENV)/.installed-test browser

validate: install
	$(BIN)/bochum-kg validate

serve: install
	$(BIN)/bochum-kg serve --host $(HOST) --port $(PORT)

# compileall first: every server and CLI process a test starts then reads the package's bytecode
# instead of compiling it again (where PYTHONDONTWRITEBYTECODE keeps Python from caching it)
test: install-test
	$(BIN)/python -m compileall -q service tests
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

bench: install-test
	$(BIN)/python bench/run.py

# 60 s of mixed load with idle connections and hostile clients against `bochum-kg serve`
# (bench/soak.py; SOAK_FLAGS=--duration=300 for the full run)
soak: install
	$(BIN)/python bench/soak.py $(SOAK_FLAGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache build *.egg-info service/*.egg-info service/bochum_kg/web/static/vendor
