"""A spreadsheet cell's value shown as the person typed it, through its number format.

Excel stores `54370` as the float 54370.0 and `95%` as 0.95 with the format `0%`;
the form must read what the cell shows, not the float:

    display(54370.0, "General")        -> "54370"
    display(54370.0, "#,##0.00")       -> "54,370.00"
    display(0.95, "0%")                -> "95%"
    display(480000, '"¥"#,##0')        -> "¥480,000"
    display(datetime(2026, 1, 5), 'yyyy"年"m"月"d"日"') -> "2026年1月5日"

Only what forms use is covered: General, fixed decimals, thousands separators,
percentages, quoted literals and currency tags, and date/time codes. Anything
else (fractions, scientific, [DBNum1]) falls back to General.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal

_GENERAL_DIGITS = 15
_BRACKET = re.compile(r"\[([^\]]*)\]")
_NUMERIC = re.compile(r"[0#?][0#?,]*(?:\.[0#?]*)?|\.[0#?]+")
_DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|上午/下午", re.IGNORECASE)


def display(value: object, fmt: str | None) -> str:
    """The text a spreadsheet shows for `value` formatted with `fmt`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date(value, fmt or "")
    if isinstance(value, (int, float)):
        return _number(value, fmt or "General")
    return str(value)


def general(value: float) -> str:
    """Excel's General: no trailing .0, no float noise (0.1 + 0.2 -> 0.3)."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    s = f"{value:.{_GENERAL_DIGITS}g}"
    if "e" in s:
        return s
    return s.rstrip("0").rstrip(".") if "." in s else s


def _sections(fmt: str) -> list[str]:
    out: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


def _literal_and_pattern(section: str) -> tuple[str, str | None, str]:
    """Split a format section into (prefix, numeric pattern, suffix), literals resolved."""
    parts: list[tuple[str, str]] = []  # (kind, text): "lit" or "code"
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = len(section) if j < 0 else j
            parts.append(("lit", section[i + 1:j]))
            i = j + 1
        elif ch == "\\" and i + 1 < len(section):
            parts.append(("lit", section[i + 1]))
            i += 2
        elif ch == "[":
            j = section.find("]", i)
            j = len(section) if j < 0 else j
            tag = section[i + 1:j]
            if tag.startswith("$"):  # [$¥-804]: a currency symbol and a locale
                parts.append(("lit", tag[1:].split("-")[0]))
            i = j + 1
        elif ch in "_*":  # _) pads with a space the width of ")"; *x repeats x to fill
            i += 2
        elif ch in "0#?,.":
            parts.append(("code", ch))
            i += 1
        else:
            parts.append(("lit", ch))
            i += 1
    code_at = [k for k, (kind, _) in enumerate(parts) if kind == "code"]
    if not code_at:
        return "".join(t for _, t in parts), None, ""
    first, last = code_at[0], code_at[-1]
    prefix = "".join(t for _, t in parts[:first])
    pattern = "".join(t for _, t in parts[first:last + 1])
    suffix = "".join(t for _, t in parts[last + 1:])
    return prefix, pattern, suffix


def _number(value: float, fmt: str) -> str:
    if fmt in ("General", "@", "") or "General" in fmt:
        return general(value)
    sections = _sections(fmt)
    section = sections[0]
    negative = value < 0
    if negative and len(sections) > 1 and sections[1]:
        section, value = sections[1], -value
        negative = False
    elif value == 0 and len(sections) > 2 and sections[2]:
        section = sections[2]
    if _BRACKET.sub("", section).strip().upper().startswith(("E", "DBNUM")) or "/" in section or "E+" in section.upper():
        return general(value)
    prefix, pattern, suffix = _literal_and_pattern(section)
    if pattern is None:
        return prefix + suffix if section else general(value)
    shown = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    shown *= Decimal(100) ** (prefix + suffix).count("%")
    int_part, _, frac_part = pattern.partition(".")
    decimals = sum(1 for ch in frac_part if ch in "0#?")
    trailing_commas = len(int_part) - len(int_part.rstrip(","))
    shown /= Decimal(1000) ** trailing_commas
    grouped = "," in int_part.rstrip(",")
    q = Decimal(1).scaleb(-decimals)
    rounded = abs(shown).quantize(q, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    optional = sum(1 for ch in frac_part if ch in "#?")
    if optional and "." in text:  # 0.## drops trailing zeros it does not require
        required = decimals - optional
        head, _, tail = text.partition(".")
        tail = tail[:required] + tail[required:].rstrip("0")
        text = head + ("." + tail if tail else "")
    if int_part.strip(",") and set(int_part.strip(",")) <= {"#"} and text.startswith("0") and "." in text:
        text = text[1:]  # #.00 shows .50, not 0.50
    sign = "-" if negative and rounded != 0 else ""
    return f"{sign}{prefix}{text}{suffix}"


def _date(value: dt.datetime | dt.date | dt.time, fmt: str) -> str:
    section = _BRACKET.sub("", _sections(fmt)[0])
    if not section or section in ("General", "@") or not _DATE_TOKEN.search(section):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    out: list[str] = []
    tokens: list[tuple[str, str]] = []  # (kind, text)
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = len(section) if j < 0 else j
            tokens.append(("lit", section[i + 1:j]))
            i = j + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            tokens.append(("lit", section[i + 1]))
            i += 2
            continue
        m = _DATE_TOKEN.match(section, i)
        if m:
            tokens.append(("code", m.group(0).lower()))
            i = m.end()
        else:
            tokens.append(("lit", ch))
            i += 1
    codes = [k for k, (kind, _) in enumerate(tokens) if kind == "code"]
    for n, (kind, text) in enumerate(tokens):
        if kind == "lit":
            out.append(text)
            continue
        if text in ("m", "mm"):  # minutes right after an hour or right before seconds
            at = codes.index(n)
            prev = tokens[codes[at - 1]][1] if at > 0 else ""
            nxt = tokens[codes[at + 1]][1] if at + 1 < len(codes) else ""
            minutes = prev.startswith("h") or nxt.startswith("s")
            out.append(_code(value, "min" + text if minutes else text))
        else:
            out.append(_code(value, text))
    return "".join(out)


def _code(v: dt.datetime | dt.date | dt.time, code: str) -> str:
    def get(name: str) -> int:
        return int(getattr(v, name, 0) or 0)

    table = {
        "yyyy": lambda: f"{get('year'):04d}", "yy": lambda: f"{get('year') % 100:02d}",
        "m": lambda: str(get("month")), "mm": lambda: f"{get('month'):02d}",
        "mmm": lambda: str(get("month")), "mmmm": lambda: str(get("month")),
        "d": lambda: str(get("day")), "dd": lambda: f"{get('day'):02d}",
        "ddd": lambda: "", "dddd": lambda: "",
        "h": lambda: str(get("hour")), "hh": lambda: f"{get('hour'):02d}",
        "minm": lambda: str(get("minute")), "minmm": lambda: f"{get('minute'):02d}",
        "s": lambda: str(get("second")), "ss": lambda: f"{get('second'):02d}",
        "am/pm": lambda: "AM" if get("hour") < 12 else "PM",
        "上午/下午": lambda: "上午" if get("hour") < 12 else "下午",
    }
    return table.get(code, lambda: "")()
