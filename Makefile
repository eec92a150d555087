# Everyday commands; the README's two commands need nothing but bash.
.PHONY: setup check test bench samples

setup:
	bash scripts/setup.sh --dev

check:  ## lint the library, flows, benchmarks and scripts
	.venv/bin/ruff check pipeline flows benchmarks scripts

test: check
	.venv/bin/python -m pytest -q

bench:
	.venv/bin/python benchmarks/extract.py
	.venv/bin/python benchmarks/render.py
	.venv/bin/python benchmarks/flow.py

samples:
	.venv/bin/python scripts/make_samples.py
