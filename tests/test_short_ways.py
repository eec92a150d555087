"""Parser.feed's short way for plain header rows (`plain_header_row`) is for speed only: a row it sends
straight to header_row must be one none of feed's other tests would have taken. Every template's own
files (.txt, .docx, .pdf) and its spec copied in other txt styles, and every text fixture, are parsed with
the short way and without it; the records must be the same. A rule added to feed's long way that a plain
header row can meet, and that plain_header_row does not exclude, fails here."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from pipeline import forms, readers
from pipeline.errors import InputError, NotAForm
from pipeline.forms.parser import Parser
from pipeline.readers.txt import read_text

TEMPLATES = Path(__file__).parent / "data" / "templates"
sys.path.insert(0, str(TEMPLATES))

from build import all_templates, render_txt  # (the templates' own builder)

# the styles whose rows differ most in shape: cells and rows by tabs, pipes, spaces, one cell a line
STYLES = ("tabs-word", "pipes-web", "layout", "cells", "rows-space")


def _records(doc) -> list[dict] | str:
    try:
        return [r.to_dict() for r in forms.parse(doc)]
    except NotAForm as e:
        return f"NotAForm: {e}"


def _documents():
    for t in all_templates():
        folder = TEMPLATES / t.id
        for path in sorted(folder.glob("form.*")):
            yield f"{t.id}/{path.name}", readers.read(path)
        for style in STYLES:
            yield f"{t.id}/{style}", read_text(render_txt(dataclasses.replace(t, txt=style)), style)
    for path in sorted((Path(__file__).parent / "data").rglob("*.txt")):
        try:
            doc = readers.read(path)
        except InputError:  # (an empty or undecodable fixture is another test's business)
            continue
        yield str(path), doc


@pytest.fixture(scope="module")
def documents():
    return list(_documents())


def test_plain_header_rows_read_as_the_long_way_reads_them(documents, monkeypatch):
    assert len(documents) > 500
    short = [_records(doc) for _, doc in documents]
    monkeypatch.setattr(Parser, "plain_header_row", lambda self, toks, row: False)
    long = [_records(doc) for _, doc in documents]
    differ = [name for (name, _), a, b in zip(documents, short, long) if a != b]
    assert not differ, f"read differently by the short way: {differ[:10]}"


def test_the_short_way_is_taken(documents, monkeypatch):
    """(So that the test above compares something: most forms' header rows go the short way.)"""
    taken = 0
    orig = Parser.plain_header_row

    def counting(self, toks, row):
        nonlocal taken
        ok = orig(self, toks, row)
        taken += ok
        return ok

    monkeypatch.setattr(Parser, "plain_header_row", counting)
    for _, doc in documents[:200]:
        _records(doc)
    assert taken > 200
