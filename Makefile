# Everyday commands; the README's two commands need nothing but bash.
.PHONY: setup check format-check test bench samples

setup:
	bash scripts/setup.sh --dev

check:  ## lint the library, flows, benchmarks, scripts and tests; type-check the library
	.venv/bin/ruff check pipeline flows benchmarks scripts tests
	.venv/bin/python -m mypy

format-check:  ## to join `check` once the tree is formatted (one `ruff format` commit)
	.venv/bin/ruff format --check pipeline flows benchmarks scripts tests

test: check
	.venv/bin/python -m pytest -q

bench:
	.venv/bin/python benchmarks/extract.py
	.venv/bin/python benchmarks/render.py
	.venv/bin/python benchmarks/flow.py

samples:
	.venv/bin/python scripts/make_samples.py
