# Every target bootstraps what it needs from nothing: a fresh clone runs `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test test-fast bench samples chromium postgresql clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# the app's modules are compiled first (even where PYTHONDONTWRITEBYTECODE is set), so a server
# start does not compile them from source (about 75 ms of the first page)
SOURCES := app.py calc cli figures pages results sessions ui views workbook

run: $(STAMP) chromium
	$(PY) -m compileall -q $(SOURCES)
	$(PY) -m streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

# Debian's Chromium (and fonts with every Vietnamese diacritic) for the chart images, the PDF board
# report and the browser tests (installed with apt-get when root and missing)
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "installing Debian's chromium for the chart images, the PDF report and the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation fonts-dejavu-core >/dev/null; \
	else echo "chromium missing and not root: no chart images or PDF report, browser tests skipped"; fi

# Debian's PostgreSQL server for the session-store tests (the tests start a throwaway cluster)
postgresql:
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "installing Debian's postgresql for the session-store tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "postgresql missing and not root: PostgreSQL session tests will be skipped"; fi

test: $(STAMP) chromium postgresql
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not e2e"

bench: $(STAMP)
	$(PY) -m bench.run

samples: $(STAMP)
	$(PY) -m sample_data.build

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
