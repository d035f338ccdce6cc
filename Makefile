# Two commands on a fresh machine: `make demo` and `make test`. Everything else
# (virtual environment, installs, the CJK font) happens inside them.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
ARCHIVE ?= archive
# The demo's index lives outside archive/ so the bundled originals stay untouched
# and a fresh demo always starts from nothing.
DEMO_DB ?= out/demo-index.sqlite

KERNEL  = $(VENV)/share/jupyter/kernels/dj_archive/kernel.json

.PHONY: demo test test-fast lab bench bench-web bench-ocr serve clean venv docs kernel notebooks messages

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "dj_archive needs Python 3.10 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The notebooks declare the kernel "dj_archive (.venv)": installed into the venv itself
# (--sys-prefix), so JupyterLab and nbval started from the venv find it.
kernel: $(KERNEL)

$(KERNEL): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name dj_archive --display-name "dj_archive (.venv)" >/dev/null

demo: $(STAMP)
	$(BIN)/dj-archive index --archive $(ARCHIVE) --db $(DEMO_DB)
	@echo; echo '$$ dj-archive search 党费 --limit 5'
	@$(BIN)/dj-archive search 党费 --archive $(ARCHIVE) --db $(DEMO_DB) --limit 5
	@echo; echo '$$ dj-archive search "主题党日" --year 2021 --limit 5'
	@$(BIN)/dj-archive search 主题党日 --archive $(ARCHIVE) --db $(DEMO_DB) --year 2021 --limit 5
	@echo; echo '$$ dj-archive search 二十大 --category XX --limit 5'
	@$(BIN)/dj-archive search 二十大 --archive $(ARCHIVE) --db $(DEMO_DB) --category XX --limit 5

# DJ_ARCHIVE/DJ_ARCHIVE_DB are unset so the notebooks run on the bundled sample archive;
# DJ_ARCHIVE_OCR=0: tests that index the sample leave its scans and photos to OCR
# (tests/test_sample_formats.py OCRs one of each kind; `make bench-ocr` measures accuracy).
test: $(STAMP) $(KERNEL)
	env -u DJ_ARCHIVE -u DJ_ARCHIVE_DB DJ_ARCHIVE_LANG=en DJ_ARCHIVE_OCR=0 $(BIN)/python -m pytest -q tests dj_archive \
		--doctest-modules --doctest-continue-on-failure -p no:cacheprovider -n 2 --dist loadfile
	# The notebooks one after another: each brings archive/'s index up to date, and two
	# indexers at once would refuse each other.
	env -u DJ_ARCHIVE -u DJ_ARCHIVE_DB DJ_ARCHIVE_LANG=en DJ_ARCHIVE_OCR=0 $(BIN)/python -m pytest -q notebooks --nbval \
		--nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q tests -x

# Static checks (CI runs them): ruff's lint rules, ruff's formatting and mypy, configured in
# pyproject.toml. `$(BIN)/ruff format .` fixes what the format check reports.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy dj_archive

# Checks too slow for every run (marked @pytest.mark.slow; `make test` leaves them out).
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q tests -m slow -p no:cacheprovider

lab: $(STAMP) $(KERNEL)
	$(BIN)/jupyter lab --notebook-dir notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# docs/cli-reference.md (and .zh.md) from the commands' --help; a test fails when stale.
docs: $(STAMP)
	$(BIN)/python scripts/cli_reference.py

# The web app on the sample archive (indexed first, incrementally): http://127.0.0.1:8765/
serve: $(STAMP)
	$(BIN)/dj-archive index --archive $(ARCHIVE) --db $(DEMO_DB)
	$(BIN)/dj-archive serve --archive $(ARCHIVE) --db $(DEMO_DB)

# Re-run the notebooks and store their outputs small (see scripts/refresh_notebooks.py).
notebooks: $(STAMP) $(KERNEL)
	env -u DJ_ARCHIVE -u DJ_ARCHIVE_DB DJ_ARCHIVE_LANG=en DJ_ARCHIVE_OCR=0 $(BIN)/python scripts/refresh_notebooks.py

# Message catalogs (gettext, managed with Babel; see dj_archive/i18n.py). After adding or
# changing a user-facing message: `make messages` re-extracts dj_archive/locale/dj_archive.pot,
# merges it into the zh_CN .po (new entries come in untranslated) and compiles the .mo.
# Translate the new entries in the .po, then run it again. tests/test_i18n.py fails while
# an extracted message is missing from the .po, untranslated, or the .mo is stale.
LOCALES = dj_archive/locale
messages: $(STAMP)
	PYTHONPATH=scripts $(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --omit-header \
		--sort-output -o $(LOCALES)/dj_archive.pot . >/dev/null
	$(BIN)/pybabel update -i $(LOCALES)/dj_archive.pot -d $(LOCALES) -D dj_archive -l zh_CN \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date -w 100
	$(BIN)/pybabel compile -d $(LOCALES) -D dj_archive --statistics

bench: $(STAMP)
	$(BIN)/python bench/relevance.py
	$(BIN)/python bench/run.py

# The web app's search page under load on 127.0.0.1: 8 clients, 30 s alone and 30 s while indexing.
bench-web: $(STAMP)
	$(BIN)/python bench/web_load.py

# OCR character accuracy (1-CER) and pages/s on pages rendered from sample text.
bench-ocr: $(STAMP)
	$(BIN)/python bench/ocr_accuracy.py

clean:
	rm -rf $(VENV) out .pytest_cache $(ARCHIVE)/.dj_archive
