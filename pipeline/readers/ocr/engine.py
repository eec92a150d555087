"""Text lines of a page image, recognised offline by RapidOCR (PP-OCR models shipped in the wheel).

    lines = recognise(rgb)      # [Line(text, x0, y0, x1, y1, confidence, chars)]

`rapidocr-onnxruntime` 1.4 carries its detection and recognition models inside the
package, so nothing is fetched at run time (the later `rapidocr` 2.x/3.x download
them and fail offline). The image must be RGB: a palette image makes it return
nothing. The angle classifier is off: scans are upright (small skews are removed
before), and it costs time.

A line's `confidence` is its weakest character's, not RapidOCR's mean: one
doubtful digit in `480,000.00` must show. `digit_confidence` is its weakest digit's
(None without digits): a wrong digit is what a reviewer must not miss, a doubtful
comma or Chinese character around it matters less. A digit that vanished leaves a
gap between its neighbours' boxes; such a line's digit confidence is capped at
`MISSING_CHAR_CONFIDENCE`, since the number read is then most likely short of a digit.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

from ...errors import UnsupportedFormat

# a gap between two digits' boxes wider than this many median character widths: a lost digit
MISSING_CHAR_GAP = 0.9
MISSING_CHAR_CONFIDENCE = 0.5
TEXT_SCORE = 0.5  # a line the model scores lower is `weak`: dropped, unless its glyph tells what it is
_NUMBERISH = set("0123456789,.，．")

OCR_MISSING_ZH = ("文件是扫描件（图片），需要离线文字识别 (OCR) 组件，但本机未安装 rapidocr-onnxruntime / "
                  "opencv；请联系管理员运行安装脚本 scripts/setup.sh 后重新提交")


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    confidence: float


@dataclass(slots=True)
class Line:
    """One recognised text line, in the page image's pixels (y down)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float  # the weakest character's, 0..1
    chars: list[Char] = field(default_factory=list)
    digit_confidence: float | None = None  # the weakest digit's; None: no digit
    weak: bool = False  # the model's score for the line is under TEXT_SCORE (a lone ≥ read as `M`)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


_engine = None
_lock = threading.Lock()


def _get():
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as e:  # the package, onnxruntime or OpenCV's shared libraries
                raise UnsupportedFormat(f"OCR is not installed: {e}", OCR_MISSING_ZH) from None
            _engine = RapidOCR(use_cls=False, print_verbose=False)
        return _engine


def require() -> None:
    """Raise UnsupportedFormat (with the Chinese reason) unless the OCR parts are installed."""
    _get()


def available() -> bool:
    try:
        _get()
    except UnsupportedFormat:
        return False
    return True


def recognise(rgb) -> list[Line]:
    """Every text line RapidOCR finds in an RGB image (a numpy array, H x W x 3); the lines it
    scores under TEXT_SCORE are marked `weak` (the caller drops them or reads their glyph)."""
    engine = _get()
    with _lock:  # one ONNX session; onnxruntime already uses every core for one image
        result, _ = engine(rgb, use_cls=False, return_word_box=True, text_score=0.0)
    lines: list[Line] = []
    for item in result or []:
        box, text, score = item[0], item[1], float(item[2])
        if not text.strip():
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        chars = _chars(item, text)
        conf = min((c.confidence for c in chars), default=score)
        line = Line(text, min(xs), min(ys), max(xs), max(ys), conf, chars, digit_confidence_of(chars, text, score),
                    weak=score < TEXT_SCORE)
        if line.digit_confidence is not None and _lost_digit(line):
            line.digit_confidence = min(line.digit_confidence, MISSING_CHAR_CONFIDENCE)
            line.confidence = min(line.confidence, MISSING_CHAR_CONFIDENCE)
        lines.append(line)
    return lines


def read_crop(rgb) -> tuple[str, float]:
    """The text of one line's image (no detection: the crop is the line) and the model's score."""
    engine = _get()
    with _lock:
        result, _ = engine(rgb, use_det=False, use_cls=False)
    if not result:
        return "", 0.0
    return str(result[0][0]), float(result[0][1])


def digit_confidence_of(chars: list[Char], text: str, score: float) -> float | None:
    """The weakest digit's confidence (the line's score when no character boxes came back)."""
    if not any(ch.isdigit() for ch in text):
        return None
    digits = [c.confidence for c in chars if any(ch.isdigit() for ch in c.text)]
    return min(digits) if digits else score


def _chars(item, text: str) -> list[Char]:
    """Per-character boxes and confidences (return_word_box): [box, text, score, boxes, words, confs]."""
    if len(item) < 6:
        return []
    boxes, words, confs = item[3], item[4], item[5]
    out = []
    for b, w, c in zip(boxes, words, confs):
        xs = [p[0] for p in b] if b else [0.0]
        out.append(Char(str(w), float(min(xs)), float(max(xs)), float(c)))
    return out


def _lost_digit(line: Line) -> bool:
    chars = [c for c in line.chars if c.text]
    if len(chars) < 3:
        return False
    widths = sorted(c.x1 - c.x0 for c in chars if len(c.text) == 1)
    if not widths:
        return False
    unit = widths[len(widths) // 2]
    for a, b in itertools.pairwise(chars):
        numbers = a.text[-1] in _NUMBERISH and b.text[0] in _NUMBERISH
        if numbers and (a.text[-1].isdigit() or b.text[0].isdigit()) and b.x0 - a.x1 > MISSING_CHAR_GAP * unit:
            return True
    return False
