# Each target creates what it needs: a virtual environment in .venv with the project installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval realdev bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# byte-compile our own package now: an editable install leaves that to the first import, which
	# writes nothing where PYTHONDONTWRITEBYTECODE is set, and every run then compiles it again
	$(BIN)/python -m compileall -q scorer
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/rolscore score seeds/ --out reports_out

test: $(STAMP)
	$(BIN)/pytest -q

# the matcher and the dictionary baseline against the hand-made labels of tests/gold
eval: $(STAMP)
	$(BIN)/rolscore evaluate tests/gold/

# the matcher on the real-report development set: dev and held-out parts (needs the texts, see
# tests/realdev/README.md)
realdev: $(STAMP)
	$(BIN)/python tests/realdev/run.py

# bench/out/bench.txt gets the table; BENCH_ARGS="--n 10000" or "--memory-n 10000" for more
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# PNGs of a batch index and a report page, desktop and phone widths, in screenshots/ (needs chromium)
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py screenshots

clean:
	rm -rf $(VENV) reports_out/*.md build *.egg-info screenshots
	git checkout -- reports_out/README.md
