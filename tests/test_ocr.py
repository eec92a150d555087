"""Scans: the LibreOffice PDF of fixture forms, rendered at 150 and 200 dpi, turned about 1°,
with grain, saved as an image-only PDF or a PNG (tests/scangen.py), must give the records
of the .docx they came from; a smudged digit is flagged. OCR takes seconds a page: few
pages, one test each."""

from __future__ import annotations

import sys

import formgen
import numpy as np
import pytest
import scangen
from compare import assert_same

from pipeline import settings
from pipeline.errors import TooLarge, UnsupportedFormat
from pipeline.extract import extract_file
from pipeline.readers.ocr import engine, grid, page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def records():
    return formgen.sample_records()[:3]


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory, records):
    """LibreOffice's PDF of a .docx with three forms, one a page."""
    root = tmp_path_factory.mktemp("scans")
    docx = formgen.write_docx(records, root / "forms.docx", separator="pagebreak", paragraphs_between=True)
    return scangen.pdf_of(docx, root)


def _expected(records, indices):
    return [formgen.expected_for(records[i]) for i in indices]


def test_scanned_pdf_at_150_dpi_gives_the_records_of_its_docx(tmp_path, text_pdf, records):
    pages = scangen.scan(text_pdf, dpi=150, angle=1.0, noise=8)[:2]
    scan = scangen.write_image_pdf(pages, tmp_path / "盖章扫描件.pdf", 150)
    got = [r.to_dict() for r in extract_file(scan)]
    assert len(got) == 2
    for i, (g, e) in enumerate(zip(got, _expected(records, [0, 1]))):
        assert_same(g, e, f"150 dpi scan, form {i}")
        assert g["source"]["ocr"] is True and g["source"]["format"] == "pdf"
        assert 0 < g["provenance"]["budget_amount"]["confidence"] <= 1
        assert all(0 < c <= 1 for ind in g["indicators"] for c in ind["confidence"].values())
        assert "budget_amount" not in {a["where"] for a in g["anomalies"] if a["code"] == "low_ocr_confidence"}


def test_photo_png_at_200_dpi_gives_the_records_of_its_docx(tmp_path, text_pdf, records):
    [img] = scangen.scan(text_pdf, dpi=200, angle=-0.8, noise=6, seed=3)[2:3]
    photo = tmp_path / "表.png"
    img.save(photo)
    got = [r.to_dict() for r in extract_file(photo, checks=False)]
    assert len(got) == 1
    assert_same(got[0], _expected(records, [2])[0], "200 dpi png")
    assert got[0]["source"]["format"] == "png" and got[0]["source"]["ocr"] is True


def test_a_smudged_digit_is_flagged_low_ocr_confidence(tmp_path, text_pdf, records):
    [img] = scangen.scan(text_pdf, dpi=150, noise=4)[:1]
    amount = f"{records[0].budget_amount:,.2f}"  # 480,000.00
    smudged = scangen.blur_digit(img, text_pdf, amount, 1, 150)
    path = tmp_path / "smudged.png"
    smudged.save(path)
    [rec] = extract_file(path)
    flagged = [a for a in rec.anomalies if a.code == "low_ocr_confidence"]
    assert "budget_amount" in {a.where for a in flagged}, [a.to_dict() for a in rec.anomalies]
    msg = next(a.message for a in flagged if a.where == "budget_amount")
    assert "预算金额" in msg and "置信度" in msg and "纸质原件" in msg
    assert rec.provenance["budget_amount"].confidence < settings.get().ocr_min_confidence


def test_a_text_pdf_is_never_ocred(text_pdf, records, monkeypatch):
    def refuse(rgb):
        raise AssertionError("a page with a text layer went to OCR")

    monkeypatch.setattr(engine, "recognise", refuse)
    got = extract_file(text_pdf, checks=False)
    assert [r.project_name for r in got] == [r.project_name for r in records]
    assert all(r.source.ocr is False for r in got)


def test_without_the_ocr_parts_a_scan_is_refused_with_that_reason(tmp_path, text_pdf, monkeypatch):
    [img] = scangen.scan(text_pdf, dpi=100)[:1]
    path = tmp_path / "scan.jpg"
    img.save(path)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    monkeypatch.setattr(engine, "_engine", None)
    with pytest.raises(UnsupportedFormat) as e:
        extract_file(path)
    assert "OCR" in e.value.reason_zh and "安装" in e.value.reason_zh


def test_an_image_over_the_pixel_limit_is_refused(tmp_path, monkeypatch):
    from PIL import Image

    path = tmp_path / "big.png"
    Image.new("RGB", (400, 300), "white").save(path)
    monkeypatch.setenv("JIXIAO_MAX_IMAGE_PIXELS", "100000")
    settings.reset()
    try:
        with pytest.raises(TooLarge):
            extract_file(path)
    finally:
        settings.reset()


@pytest.mark.parametrize("angle", [-1.5, 0.8, 2.0])
def test_deskew_finds_a_small_rotation(text_pdf, angle):
    [img] = scangen.scan(text_pdf, dpi=100, angle=angle, noise=6)[:1]
    _, found = page.deskew(np.asarray(img))
    assert abs(found + angle) <= 0.15, (angle, found)


def test_ruling_lines_give_the_grid_and_its_merged_cells(text_pdf, records):
    [img] = scangen.scan(text_pdf, dpi=150, angle=0.7, noise=8)[:1]
    straight, _ = page.deskew(np.asarray(img))
    [table] = grid.find_tables(straight)
    assert len(table.xs) == 7  # the .docx grid: six columns
    spans = {(g.r0, g.c0): g for g in table.cells}
    name_value = spans[0, 1]
    assert (name_value.c1, name_value.r1) == (5, 0)  # 项目名称's value merged across the row
    n_ind = len(formgen.indicator_rows(records[0], "standard"))
    label = next(g for g in table.cells if g.c0 == 0 and g.r1 == len(table.ys) - 2)  # 绩效指标, down the block
    assert label.r1 - label.r0 + 1 == n_ind + 1


def test_lone_operators_of_the_split_layout_are_read(tmp_path, records):
    """指标性质 | 指标值 | 度量单位: a lone ≥ / ≤ / = in its cell, which the recognition model misreads."""
    docx = formgen.write_docx(records[:1], tmp_path / "split.docx", "split")
    [img] = scangen.scan(scangen.pdf_of(docx, tmp_path), dpi=150, angle=0.6, noise=6)[:1]
    path = tmp_path / "split.png"
    img.save(path)
    [got] = [r.to_dict() for r in extract_file(path, checks=False)]
    assert_same(got, formgen.expected_for(records[0], "split"), "split layout scan")
    assert [i["annual_target"]["op"] for i in got["indicators"][:2]] == ["≤", "≥"]


# ------------------------------------------------------------------ frozen scans (tests/scancases.py)


def _frozen():
    from tests.scancases import GROUNDTRUTH

    return sorted(p.stem for p in GROUNDTRUTH.glob("*.json"))


def test_frozen_scans_are_small_and_rewritten_only_by_hand():
    import os

    from tests.scancases import FLAG, GROUNDTRUTH, MAX_BYTES, SOURCES

    assert os.environ.get(FLAG) != "1"
    files = sorted(SOURCES.iterdir())
    assert sorted(p.stem for p in files) == sorted(p.stem for p in GROUNDTRUTH.glob("*.json"))
    assert all(p.stat().st_size <= MAX_BYTES for p in files), [(p.name, p.stat().st_size) for p in files]


@pytest.mark.parametrize("case", _frozen())
def test_frozen_scan_reads_as_its_records(case):
    """drainage_borderless_centred: no ruling lines, labels centred on their rows, ≧ (which the
    model cannot read) and a ≥ followed by a space; clinic_photo_seal: a photo at a slant, shaded,
    with a red seal over the header and the value columns' heading; meals_borderless_centred_page1:
    labels centred, but a group of one row printed at its row's top, a group ending in a blank row,
    and a group cut by the page foot printed at the top of its part; roads_ruled_numbered_levels: a
    ruled form whose 一、产出指标 the model reads 、产出指标 (the 一, one stroke, lost)."""
    import json

    from tests.scancases import GROUNDTRUTH, SOURCES

    expected = json.loads((GROUNDTRUTH / f"{case}.json").read_text(encoding="utf-8"))
    [path] = [p for p in SOURCES.iterdir() if p.stem == case]
    got = [r.to_dict() for r in extract_file(path, checks=False)]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert_same(g, e, case)
        assert g["source"]["ocr"] is True


def test_labels_centred_on_their_rows_cover_them():
    """In the borderless scan 产出指标 stands beside the middle of its three rows and 数量指标
    between its two: each is given once, in the first row it covers, with the rows it covers."""
    from pipeline.readers import ocr
    from tests.scancases import SOURCES

    doc = ocr.read_image(SOURCES / "drainage_borderless_centred.jpg")
    row = next(r for r in doc.rows if any(c.text == "清淤管道长度" for c in r.cells))
    spans = {c.text: c.row_span for c in row.cells}
    assert spans["产出指标"] == 3 and spans["数量指标"] == 2, spans
    below = next(r for r in doc.rows if any(c.text == "检查井清掏数量" for c in r.cells))
    assert [c.text for c in below.cells] == ["检查井清掏数量", "≥1,250座"]


def test_a_seal_over_the_text_is_taken_off_and_the_text_kept(tmp_path, text_pdf):
    [img] = scangen.scan(text_pdf, dpi=150)[:1]
    sealed = np.asarray(scangen.stamp(img, seed=2, where=(0.5, 0.25)))
    clean = np.asarray(page.drop_seal(sealed))
    red = (sealed[..., 0].astype(int) - sealed[..., 1:].max(axis=2)) > 60
    assert red.sum() > 1000
    assert (clean[red].min(axis=1) > 200).mean() > 0.9  # the seal's ink is paper again ...
    dark = np.asarray(img).max(axis=2) < 80
    assert (clean[dark].max(axis=1) < 120).mean() > 0.95  # ... and the text, under it or not, is not
    assert page.drop_seal(np.asarray(img)) is not None


@pytest.mark.parametrize(("read", "mended"), [
    ("2.850，403.35", "2,850,403.35"),  # no number holds two decimal points
    ("金额：1.234.567", "金额：1,234,567"),
    ("12.5", "12.5"),
    ("1,250.5", "1,250.5"),
    ("0769-81234567", "0769-81234567"),
])
def test_thousands_separators_read_as_points_are_mended(read, mended):
    from pipeline.readers.ocr.mend import mend_cell

    assert mend_cell(read, 0.99) == mended


@pytest.mark.parametrize(("read", "mended"), [
    ("、产出指标", "产出指标"),  # 一、产出指标: the 一, one stroke, lost
    ("、产出指标（30分）", "产出指标（30分）"),
    ("四满意度指标", "四、满意度指标"),  # the 、 lost
    ("一、产出指标", "一、产出指标"),
    ("三级指标", "三级指标"),  # a heading, no level after the numeral
    ("十分满意", "十分满意"),
    ("、按季度统计", "、按季度统计"),  # no level name: as read
])
def test_a_numbered_level_name_missing_its_numeral_or_mark_is_mended(read, mended):
    from pipeline.readers.ocr.mend import mend_cell

    assert mend_cell(read, 0.99) == mended


def test_the_first_word_overleaf_is_as_wide_as_its_glyphs():
    """The model draws a Chinese character's box a few pixels narrower than its glyph: the pitch
    of the line's characters counts; a closing bracket goes with the word before it."""
    from pipeline.readers.ocr.engine import Char, Line
    from pipeline.readers.ocr.overleaf import first_word

    line = Line("晓率", 522, 0, 574, 29, 1.0, [Char("晓", 529, 548, 1.0), Char("率", 548, 567, 1.0)])
    assert first_word(line) == 26
    line = Line("分）", 313, 0, 351, 33, 1.0, [Char("分", 317, 334, 1.0), Char("）", 334, 351, 1.0)])
    assert first_word(line) == 34
    line = Line("12.5万元", 0, 0, 120, 28, 1.0, [Char(ch, 15 * k, 15 * k + 12, 1.0) for k, ch in enumerate("12.5万元")])
    assert first_word(line) == 57


def test_a_box_that_read_a_neighbouring_cells_text_again_loses_it():
    """The boxes the model drew on a borderless scan (seed 8515): 至少497人 wrapped, its box ran into
    the next cell and read that cell's first 9 again; the 9 goes, the neighbour keeps its own."""
    from pipeline.readers.ocr.engine import Char, Line
    from pipeline.readers.ocr.layout import _without_echoes

    def line(text, xs, x0, x1):
        return Line(text, x0, 1112, x1, 1141, 1.0, [Char(t, a, b, 1.0) for t, (a, b) in zip(text, xs)])

    xs = [(636, 658), (658, 680), (684, 699), (702, 716), (716, 731), (734, 757), (783, 792)]
    left = line("至少497人9", xs, 636, 792)
    right = line("994人次及", [(788, 802), (802, 815), (815, 829), (834, 855), (857, 877), (879, 900)], 780, 905)
    assert [ln.text for ln in _without_echoes([left, right])] == ["至少497人", "994人次及"]
    other = line("至少497人8", xs, 636, 792)
    assert [ln.text for ln in _without_echoes([other, right])] == ["至少497人8", "994人次及"]  # not an echo
    # seed 8515, multipage: 预算单位's box started under 东莞市住房和城乡建设's end and read its 设 again
    unit = line("东莞市住房和城乡建设", [(307 + 23 * k, 329 + 23 * k) for k in range(10)], 307, 544)
    label = line("设预算单位", [(529, 541), (566, 586), (586, 606), (611, 631), (636, 656)], 529, 662)
    assert [ln.text for ln in _without_echoes([unit, label])] == ["东莞市住房和城乡建设", "预算单位"]


def test_a_label_cut_at_the_page_foot_goes_on_only_to_complete_a_level_name():
    from pipeline.readers.ocr.overleaf import completes_level

    assert completes_level("三、效益指", "三、效益指标")
    assert completes_level("社会效益指", "社会效益指标（20分）")
    assert not completes_level("社会成本指标（5分）", "社会成本指标（5分）生态环境成本指标")  # two labels
    assert not completes_level("政策知晓率", "政策知晓率困难群众基本生活")  # no level at all


def test_a_level_name_one_character_off_is_snapped_only_when_read_weakly():
    from pipeline.readers.ocr.mend import mend_cell

    assert mend_cell("经济成木指标", 0.4) == "经济成本指标"
    assert mend_cell("产出指杯（30分）", 0.4) == "产出指标（30分）"
    assert mend_cell("经济成木指标", 0.95) == "经济成木指标"  # read confidently: the form's own word
    assert mend_cell("清淤管道长度", 0.3) == "清淤管道长度"  # no level name near it
    assert mend_cell("社会效益", 0.3) == "社会效益"


# ------------------------------------------------------------------ generated forms over two pages


def _variety_scan(tmp_path, seed: int, centred: bool = False, ruled: bool = True):
    from tests.variety import pdf_batch, variant, write_docx

    v = variant(seed, forms=1)
    docx = write_docx(v, tmp_path / f"v{seed}.docx", ruled=ruled)
    if centred:
        scangen.centre_merged(docx)
    [pdf] = pdf_batch([docx], tmp_path)
    pages = scangen.scan(pdf, dpi=150, noise=4, seed=seed)
    assert len(pages) == 2, "the form runs over two pages"
    return scangen.write_image_pdf(pages, tmp_path / f"scan_{seed}.pdf", 150), v.expected


def test_a_ruled_row_cut_at_the_page_foot_goes_on_overleaf(tmp_path):
    """variant 8111 as LibreOffice prints it: 受益妇女儿童人次 | 不低于13290人次 | 大于等于4430人次 is
    cut after 受益妇女 | 不低于 | 大于等于; the rest overleaf is no indicator of its own."""
    from tests.compare import differences

    scan, expected = _variety_scan(tmp_path, 8111)
    got = [r.to_dict() for r in extract_file(scan, checks=False)]
    assert len(got) == 1
    assert differences(got[0], expected[0]) == []


def test_every_merged_cell_centred_on_its_rows_in_a_borderless_scan(tmp_path):
    """variant 8113 without borders and every merged cell centred vertically (w:vAlign), over two
    pages: 一级 and 二级 labels alone on their lines between rows, a ≥ alone in the 指标方向 column."""
    from tests.compare import differences

    scan, expected = _variety_scan(tmp_path, 8113, centred=True, ruled=False)
    got = [r.to_dict() for r in extract_file(scan, checks=False)]
    assert len(got) == 1
    assert differences(got[0], expected[0]) == []


def _typed_line(text: str, size: int = 28):
    """A line of text typed on white (the CJK font the seals use), and where each character starts."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(scangen.cjk_font(), size)
    width = int(font.getlength(text)) + 4 * size
    img = Image.new("RGB", (width, 2 * size), "white")
    ImageDraw.Draw(img).text((2 * size, size // 3), text, font=font, fill="black")
    starts = [2 * size + font.getlength(text[:k]) for k in range(len(text) + 1)]
    return np.asarray(img), starts, size


def test_a_bracket_the_model_left_out_at_either_end_of_a_line_is_put_back():
    """（民生保障类） wrapped in a cell: the model's box may start after the opening bracket (a
    full-width bracket's ink is in the right half of its em) or end before the closing one; the
    line is read again with the page round it and the bracket put back, as wide as its pair."""
    from pipeline.readers import ocr

    rgb, starts, size = _typed_line("（民生保障类）")
    cut = engine.Line("民生保障类）", starts[1], size // 4, starts[7], size + size // 2, 0.95,
                      [engine.Char(ch, starts[k + 1], starts[k + 2], 0.95) for k, ch in enumerate("民生保障类）")])
    [mended] = ocr._clipped_heads(rgb, [cut])
    assert mended.text == "（民生保障类）"
    rgb, starts, size = _typed_line("专项类（民生保障类）")
    cut = engine.Line("专项类（民生保障类", starts[0], size // 4, starts[9], size + size // 2, 0.95,
                      [engine.Char(ch, starts[k], starts[k + 1], 0.95) for k, ch in enumerate("专项类（民生保障类")])
    [mended] = ocr._clipped_tails(rgb, [cut])
    assert mended.text == "专项类（民生保障类）"
    rgb, starts, size = _typed_line("民生保障类")  # no bracket in the image: nothing added
    plain = engine.Line("民生保障类）", starts[0], size // 4, starts[5], size + size // 2, 0.95, [])
    assert ocr._clipped_heads(rgb, [plain])[0].text == "民生保障类）"


def test_a_ruling_lines_edge_in_a_glyphs_box_is_not_read_as_its_stroke():
    """The ink before 369次 on a phone photo (seed 8502): the cell's top rule ran through the box,
    and under it a ≧ whose two bars the blur joined. Without the rule's row the strokes show ≥ (the
    target's operator right); with it, no operator at all."""
    from pipeline.readers import ocr
    from pipeline.readers.ocr import symbols

    rows = ["######################", "....###...............", "......................",
            "......................", ".....##...............", "....######............",
            ".....########.........", "........########......", "...........########...",
            "..............######..", "...............#####..", "............########..",
            "........#########.....", ".....########.........", "....######............",
            ".....###..............", "....###############...", "....################..",
            ".....##############...", ".....##############...", "....################..",
            ".....##############...", *["." * 22] * 6]
    ink = np.array([[ch == "#" for ch in row] for row in rows])
    assert symbols.glyph_operator(ink) is None
    assert symbols.glyph_operator(ocr._without_rules(ink)) == "≥"
