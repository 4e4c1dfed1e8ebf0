# vnplan — every target installs what it needs first (see `install`).
PY      := .venv/bin/python
VNPLAN  := .venv/bin/vnplan
APT_PKGS := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd chromium
STAMP   := .venv/.installed

.PHONY: help install demo test check bench clean golden

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

install: $(STAMP)  ## Debian packages (when missing) + .venv from pyproject.toml

$(STAMP): pyproject.toml
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: install  ## convert everything in samples/ into out/ and print a summary
	@# partial documents (plans whose own sums disagree) exit 0; exit 1 means a document failed, and
	@# two samples do on purpose (samples/pdf/legacy-*.pdf: letters in old font encodings without a
	@# budget table); 2 or more is a real failure
	$(VNPLAN) extract samples/text samples/pdf -o out/ || [ $$? -eq 1 ]
	@echo "out/: <name>.json per document, items.csv, items.parquet, batch-report.csv"

test: install  ## the whole suite (Tesseract tests included when tesseract is installed)
	$(PY) -m pytest -q

check: install  ## ruff + mypy
	.venv/bin/ruff check vnplan tests samples eval bench eval_text
	.venv/bin/ruff format --check vnplan tests samples eval bench eval_text
	.venv/bin/mypy

golden: install  ## regenerate the golden outputs in samples/ (review the diff before committing)
	VNPLAN_REGENERATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py

bench: install  ## speed and memory vs baselines measured in the same run -> BENCHMARKS.md (~20 min; BENCH_ARGS=--quick)
	$(PY) -m bench.run_bench $(BENCH_ARGS)

.PHONY: eval
eval: install  ## "Read real PDFs" measured on Chromium-printed plans + 300/200 dpi scans -> EVALUATION.md (~15 min)
	$(PY) -m eval.run_eval $(EVAL_ARGS)

# The held-out corpus (eval/heldout/): Word plans printed by LibreOffice, degraded by Augraphy and
# by conditions of our own. Not part of `make test`; its tools are installed only here.
HELDOUT_APT_PKGS := libreoffice-writer-nogui fonts-liberation2 tesseract-ocr-eng
.PHONY: eval-heldout
eval-heldout: install  ## held-out corpus (built when missing, ~75 min) + 13 sets (~50 min), strict scoring -> EVALUATION.md section
	@missing=""; for p in $(HELDOUT_APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	$(PY) -c "import augraphy" 2>/dev/null || $(PY) -m pip install -q -e '.[heldout]'
	nice $(PY) -m eval.heldout.run $(HELDOUT_ARGS)

.PHONY: eval-genres
eval-genres: install  ## other budget-table genres (held out for the column model) + real table files -> GENRES.md (~5 min; not part of test)
	$(PY) -m eval.genres.run $(GENRES_ARGS)

clean:
	rm -rf out .venv .pytest_cache .mypy_cache .ruff_cache
