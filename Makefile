# typeset — the two set-up commands on a fresh Debian machine:
#   make demo   install what is missing, build the sample edition to out/ (PDF + PNG previews)
#   make test   install what is missing, run the whole test suite
# Both are idempotent and quick the second time.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.typeset-installed
EDITION ?= editions/sample
OUT    ?= out

.PHONY: demo test system-deps venv bench clean

system-deps:
	@tools/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: system-deps venv
	mkdir -p $(OUT)
	$(BIN)/typeset build $(EDITION) -o $(OUT)/sample.pdf
	$(BIN)/typeset preview $(EDITION) --pdf $(OUT)/sample.pdf -o $(OUT)

test: system-deps venv
	$(BIN)/pytest

bench: system-deps venv
	$(BIN)/python bench/bench_composer.py
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf $(OUT) .pytest_cache
