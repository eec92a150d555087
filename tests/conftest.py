from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return DATA / "sources" / "seed.txt"


@pytest.fixture(scope="session")
def seed_expected() -> list[dict]:
    return json.loads((DATA / "groundtruth" / "seed.txt.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_records(seed_expected):
    from pipeline.models import Record

    return [Record.from_dict(d) for d in seed_expected]

# the Prefect server, batch and `jixiao serve` fixtures of the flow tests
pytest_plugins = ["prefect_fixtures"]
# a throwaway PostgreSQL server (initdb + pg_ctl) for the store tests
pytest_plugins.append("pg_fixtures")
