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
_NEEDS_WORK = re.compile("[<&\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Word's manual line break (\v) and a page break (\f) are line breaks; the other C0 controls are
# dropped: XML 1.0 (so .docx and .xlsx) cannot hold them, and they show nothing
_CONTROLS = {**dict.fromkeys(range(0x20), None), 0x0B: "\n", 0x0C: "\n", 0x09: "\t", 0x0A: "\n", 0x0D: "\r",
             0x7F: None}
# what a file system, XML 1.0 or Excel cannot hold, or what reorders what a person sees:
# C0 controls, U+FFFE/U+FFFF, lone surrogates (a name read in the wrong encoding), and the
# bidi embeddings, overrides and isolates (U+202E shows "gpj.exe" as "exe.jpg")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean(text: str | None) -> tuple[str, bool]:
    """(cleaned text, whether HTML markup was removed)."""
    if not text:
        return "", False
    if not _NEEDS_WORK.search(text):
        return text.strip(), False
    t = text.translate(_INVISIBLE).translate(_CONTROLS)
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


def scrub(text: str) -> tuple[str, str]:
    """(text without what XML 1.0, Excel or a file system cannot hold, the characters removed).

    Line-breaking controls (\\v, \\f) become a space; the rest is dropped:

        scrub("白玉兰\\u202e中心") -> ("白玉兰中心", "\\u202e")"""
    if not _UNSAFE.search(text):
        return text, ""
    removed = "".join(dict.fromkeys(_UNSAFE.findall(text)))
    return _UNSAFE.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text), removed


def scrub_json(value):
    """A copy of a JSON-like value (dicts, lists, strings) with every string scrubbed."""
    if isinstance(value, str):
        return scrub(value)[0]
    if isinstance(value, dict):
        return {scrub_json(k): scrub_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub_json(v) for v in value]
    return value


def visible_change(removed: str) -> bool:
    """Did removing these characters change what a person sees? (A bidi control reorders text.)"""
    return any(ch in BIDI_CONTROLS for ch in removed)


def describe(chars: str) -> str:
    """Code points, for a message: "\\u202e\\x0b" -> "U+202E、U+000B"."""
    return "、".join(f"U+{ord(c):04X}" for c in chars)
