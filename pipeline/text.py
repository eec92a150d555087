"""Cell text cleaning, as the contract says: HTML tags removed, line breaks inside a
cell joined, surrounding white space trimmed. What was removed or found garbled is
reported back so the checks can tell the reviewer."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"</?\s*(?:p|br|span|div|b|i|u|strong|em|font|sup|sub)\b[^<>]*/?\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?\s*>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
GARBLED = re.compile(r"\(cid:\d+\)|\ufffd|[ÃÂâ¤¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿][\x80-\xbf]")
# characters that are invisible but break comparisons
_NEEDS_WORK = re.compile("[<&\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean(text: str | None) -> tuple[str, bool]:
    """(cleaned text, whether HTML markup was removed)."""
    if not text:
        return "", False
    if not _NEEDS_WORK.search(text):
        return text.strip(), False
    t = text.translate(_INVISIBLE)
    had_markup = False
    if "<" in t:
        t2 = _TAG.sub("", t)
        t2 = _ANY_TAG.sub("", t2)
        had_markup = t2 != t
        t = t2
    if "&" in t and _ENTITY.search(t):
        t = html.unescape(t)
        had_markup = True
    t = t.replace("\u00a0", " ").replace("\u3000", " ")
    if "\n" in t or "\r" in t:
        t = join_lines(t)
    return t.strip(), had_markup


def join_lines(t: str) -> str:
    """Join the lines of one cell: CJK text joins with nothing, Latin words with a space."""
    parts = [p.strip() for p in re.split(r"[\r\n]+", t)]
    out = ""
    for p in parts:
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


def garbled_snippet(text: str | None) -> str | None:
    """The first garbled piece of a text ((cid:NN), U+FFFD, mojibake), or None."""
    if not text:
        return None
    m = GARBLED.search(text)
    return m.group(0) if m else None


def norm(s: str | None) -> str:
    """The comparison form the contract defines: NFKC, white space removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))
