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

.PHONY: demo test lint system-deps venv bytecode bench clean

system-deps:
	@tools/install-system-deps.sh

# editable_mode=compat: the checkout goes on sys.path through a plain .pth entry, not an
# import hook (which costs ≈ 10 ms at every start of the `paiban` command).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

venv: $(STAMP)

# Byte-compiled once, as an installed package is (when PYTHONDONTWRITEBYTECODE is set,
# Python would otherwise compile every module again on every run).
bytecode: venv
	@$(BIN)/python -m compileall -q typeset

demo: system-deps venv bytecode
	mkdir -p $(OUT)
	$(BIN)/paiban build $(EDITION) -o $(OUT)/sample.pdf
	$(BIN)/paiban preview $(EDITION) --pdf $(OUT)/sample.pdf -o $(OUT)

# TYPESET_REQUIRE_BROWSER: the e-paper's browser tests fail (not skip) when Chromium is missing.
# The lint (ruff: pyflakes, pycodestyle, bugbear, pyupgrade, no silent except; vulture: dead
# code, its whitelist in tests/vulture_whitelist.py) runs before the tests; either failing fails.
test: system-deps venv lint
	TYPESET_REQUIRE_BROWSER=1 $(BIN)/pytest

lint: venv
	$(BIN)/ruff check typeset tests tools bench
	$(BIN)/vulture

bench: system-deps venv bytecode
	$(BIN)/python bench/bench_composer.py
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf $(OUT) .pytest_cache
