"""The standard form: template, rendering, merges, names, PDF through LibreOffice, round trips.

Fast tests render .docx only; the PDF tests (slow) share one batch converted in one soffice call.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import formgen
import pytest

from pipeline import render
from pipeline.extract import extract_file
from pipeline.models import HEADER_FIELDS, Indicator, Record
from pipeline.targets import parse_target
from pipeline.text import norm

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ------------------------------------------------------------------ helpers


def all_records(seed_records) -> list[Record]:
    return list(seed_records) + formgen.sample_records()


def contract(r: Record) -> dict:
    """Header fields and indicators (with targets), as the round trip compares them."""
    d = {k: getattr(r, k) for k in HEADER_FIELDS}
    for k, v in d.items():
        if isinstance(v, str):
            d[k] = norm(v)
    inds = []
    for i in r.indicators:
        x = i.to_dict()
        x.pop("origin", None)
        # values as the clean form shows them: >= ＞= ≧ are printed ≥ (the targets stay equal)
        for k in ("name", "period_value", "annual_value", "level1", "level2"):
            x[k] = norm(render.show(x[k])) if x[k] is not None else None
        inds.append(x)
    d["indicators"] = inds
    return d


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def indicator_table(path: Path):
    """(python-docx table, row index of the 一级指标 header)."""
    from docx import Document

    doc = Document(str(path))
    for t in doc.tables:
        for k, row in enumerate(t.rows):
            texts = [c.text for c in row.cells]
            if "一级指标" in texts and "三级指标" in texts:
                return t, k
    raise AssertionError(f"no indicator table in {path.name}")


def groups(keys: list) -> list[tuple[int, int]]:
    """[start, end) runs of equal consecutive keys."""
    out, start = [], 0
    for k in range(1, len(keys) + 1):
        if k == len(keys) or keys[k] != keys[start]:
            out.append((start, k))
            start = k
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seed_records):
    """Every seed and formgen record rendered as .docx."""
    out = tmp_path_factory.mktemp("rendered")
    recs = all_records(seed_records)
    return recs, render.render_batch(recs, out)


# ------------------------------------------------------------------ template


def test_template_is_built_by_its_script_and_has_the_standard_layout(tmp_path):
    import importlib.util

    from docx import Document
    from docxtpl import DocxTemplate

    spec = importlib.util.spec_from_file_location("build_template", render.ROOT / "templates" / "build_template.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = mod.build(tmp_path / "t.docx")
    for path in (built, render.TEMPLATE):  # the fresh build and the committed file
        assert DocxTemplate(str(path)).get_undeclared_template_variables() == {"f"}
        doc = Document(str(path))
        sec = doc.sections[0]
        assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (21.0, 29.7)
        xml = document_xml(path)
        assert '<w:tblLayout w:type="fixed"/>' in xml
        for label in ("项目绩效目标表", "项目名称", "项目类型", "项目等级", "主管部门", "用款单位", "实施周期",
                      "起始年度", "到期年度", "总体绩效目标", "实施周期总目标", "绩效指标", "一级指标",
                      "二级指标", "三级指标", "实施周期指标值", "年度指标值"):
            assert label in xml, label
        # every cell carries its own four borders
        n_tc = xml.count("<w:tc>")
        assert n_tc and xml.count("<w:tcBorders>") == n_tc


def test_a_restyled_template_still_renders(tmp_path, seed_records):
    """A person changes fonts, sizes and a column width in Word: the form still renders and reads back."""
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document(str(render.TEMPLATE))
    doc.styles["Normal"].font.size = Pt(12)
    doc.styles["Normal"].font.name = "宋体"
    for t in doc.tables:
        for cell in t.columns[3].cells:
            cell.width = Cm(4.5)
    restyled = tmp_path / "restyled.docx"
    doc.save(str(restyled))
    r = seed_records[0]
    path = render.render_docx(r, tmp_path / "x.docx", template=restyled)
    assert contract(extract_file(path, checks=False)[0]) == contract(r)


@pytest.mark.slow
def test_a_template_saved_by_libreoffice_still_renders(tmp_path, seed_records):
    """Opening and saving the template in LibreOffice (which rewrites every run) keeps the tags working."""
    from pipeline import settings

    _require(settings.get().soffice)
    subprocess.run([settings.get().soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo"), str(render.TEMPLATE)],
                   check=True, capture_output=True, timeout=120, env=render.soffice_env())
    saved = tmp_path / "lo" / render.TEMPLATE.name
    r = seed_records[0]
    path = render.render_docx(r, tmp_path / "x.docx", template=saved)
    assert "{{" not in document_xml(path) and "{%" not in document_xml(path)
    assert contract(extract_file(path, checks=False)[0]) == contract(r)
    table, head = indicator_table(path)
    tcs = [table.rows[head + 1 + k].cells[1]._tc for k in range(len(render.indicator_rows(r)))]  # kept alive: ids hold
    assert len({id(tc) for tc in tcs}) == len({x["level1"] for x in render.indicator_rows(r)})


# ------------------------------------------------------------------ .docx


def test_rendered_docx_has_no_template_tags_and_shows_the_record(rendered):
    recs, forms = rendered
    assert len(forms) == len(recs)
    for r, f in zip(recs, forms):
        xml = document_xml(f.docx)
        assert "{{" not in xml and "{%" not in xml and "%}" not in xml and "}}" not in xml
        assert r.project_name in xml
        assert render.show_amount(r.budget_amount) in xml
        assert f"{r.budget_year}年预算金额（元）" in xml


# schema sequences (ECMA-376 Part 1) of the property elements the template and renderer write
SCHEMA_ORDER = {
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"),
    "trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"),
}


def test_property_elements_are_in_schema_order(rendered):
    """Word refuses a file whose table, row or cell properties are out of order (LibreOffice does not)."""
    from lxml import etree

    for path in (render.TEMPLATE, rendered[1][0].docx):
        root = etree.fromstring(document_xml(path).encode("utf-8"))
        for parent, order in SCHEMA_ORDER.items():
            for el in root.iter(W + parent):
                names = [c.tag.split("}")[1] for c in el]
                assert all(n in order for n in names), (path.name, parent, names)
                assert names == sorted(names, key=order.index), (path.name, parent, names)


def test_levels_are_merged_vertically_one_cell_per_group(rendered):
    recs, forms = rendered
    for r, f in zip(recs, forms):
        rows = render.indicator_rows(r)
        table, head = indicator_table(f.docx)
        cells = [table.rows[head + 1 + k].cells for k in range(len(rows))]
        assert len(table.rows) == head + 1 + len(rows)
        for col, keys in ((1, [x["level1"] for x in rows]), (2, [(x["level1"], x["level2"]) for x in rows])):
            seen = []
            for a, b in groups(keys):
                tcs = {id(cells[k][col]._tc) for k in range(a, b)}
                assert len(tcs) == 1, (f.name, col, a, b)  # one w:tc spans the group
                tc = cells[a][col]._tc
                assert tc not in seen  # and the next group is a cell of its own
                seen.append(tc)
                assert cells[a][col].text == (rows[a]["level1"] if col == 1 else rows[a]["level2"])
        # the 三级 column is never merged
        assert len({id(c[3]._tc) for c in cells}) == len(rows)
        # the label column is one 绩效指标 cell down the whole block, its header row included
        if rows:
            labels = [table.rows[k].cells[0]._tc for k in range(head, len(table.rows))]  # alive: ids hold
            assert len({id(tc) for tc in labels}) == 1
            assert table.rows[head].cells[0].text == "绩效指标"
        assert table.rows[head]._tr.trPr.find(f"{W}tblHeader") is not None


def test_vmerge_markup_is_restart_then_continue(rendered):
    recs, forms = rendered
    r, f = recs[0], forms[0]
    rows = render.indicator_rows(r)
    n_groups = sum(1 for a, b in groups([x["level1"] for x in rows]) if b - a > 1)
    n_groups += sum(1 for a, b in groups([(x["level1"], x["level2"]) for x in rows]) if b - a > 1)
    xml = document_xml(f.docx)
    # + 总体绩效目标 and 绩效指标 from the template
    assert xml.count('<w:vMerge w:val="restart"/>') == n_groups + 2


def test_clean_presentation_leaves_the_record_unchanged(tmp_path):
    r = Record(project_name="  <p>测试项目\n经费</p> ", department="东莞市/测试:局", implementing_unit="测试单位",
               project_type="其他", project_level="二级项目", period_start=2025, period_end=2027,
               budget_year=2026, budget_amount=775413, goal_overall="<p>总目标</p>", goal_annual="年度\r\n目标")
    r.indicators = [
        Indicator("产出", "数量", "活动场次", ">=50场", "＞=20场", parse_target(">=50场"), parse_target("＞=20场")),
        Indicator("产出指标", "数量指标", "", None, None),  # empty: left out
        Indicator("效益指标", "社会效益", "受益人数", "<=1000人", "≦300人"),
        Indicator("满意度指标", "服务对象满意度", "满意度", "≥90%", "85%"),  # flagged values stay as they are
    ]
    before = copy.deepcopy(r.to_dict())
    path = render.render_docx(r, tmp_path / "x.docx")
    assert r.to_dict() == before
    xml = document_xml(path)
    for text in ("测试项目经费", "775,413.00", "总目标", "年度目标", "≥50场", "≥20场", "≤1000人", "≤300人",
                 "产出指标", "数量指标", "社会效益指标", "服务对象满意度指标", "85%"):
        assert text in xml, text
    for junk in ("&lt;p&gt;", "&gt;=", "＞=", "&lt;=", "≦", ">数量<", ">社会效益<"):
        assert junk not in xml, junk
    table, head = indicator_table(path)
    rows = render.indicator_rows(r)
    assert len(table.rows) == head + 1 + len(rows)
    # the three indicators, and the official 二级 rows they leave out, empty (as the official form)
    assert [x["name"] for x in rows if x["name"]] == ["活动场次", "受益人数", "满意度"]
    assert [x["level2"] for x in rows] == ["数量指标", "质量指标", "时效指标", "经济效益指标", "社会效益指标",
                                           "生态效益指标", "可持续影响指标", "服务对象满意度指标"]
    assert len(render.indicator_rows(r, empty_level2=False)) == 3


def test_amounts_are_written_with_separators_and_cents():
    assert [render.show_amount(x) for x in (775413, 775413.0, 0, 1234567.891, None, "775,413", "约77万")] == [
        "775,413.00", "775,413.00", "0.00", "1,234,567.89", "", "775,413.00", "约77万"]


def test_markup_characters_are_escaped(tmp_path):
    r = Record(project_name="A&B <项目> \"x\"", department="部门", budget_year=2026, budget_amount=1.5)
    r.indicators = [Indicator("产出指标", "数量指标", "a<b & c", "<5次", "<5次")]
    path = render.render_docx(r, tmp_path / "x.docx")
    got = extract_file(path, checks=False)[0]
    assert got.indicators[0].name == "a<b & c"
    assert got.indicators[0].annual_value == "<5次"


def test_names_are_safe_and_never_collide(tmp_path):
    a = Record(project_name="同名项目", department="部门/科室:一")
    b = Record(project_name="同名项目", department="部门/科室:一")
    c = Record(project_name="x" * 300, department=None)
    d = Record()
    forms = render.render_batch([a, b, c, d], tmp_path)
    names = [f.docx.name for f in forms]
    assert len(set(names)) == 4
    assert names[0] == "部门_科室_一_同名项目.docx" and names[1] == "部门_科室_一_同名项目-2.docx"
    assert all("/" not in n and len(n.encode()) < 255 for n in names)
    assert all(f.docx.parent == tmp_path and f.docx.is_file() for f in forms)


def test_period_less_record_keeps_null_period_values(tmp_path, seed_records):
    r = copy.deepcopy(seed_records[0])
    r.has_period_column = False
    for i in r.indicators:
        i.period_value, i.period_target, i.has_period_column = None, None, False
    got = extract_file(render.render_docx(r, tmp_path / "p.docx"), checks=False)
    assert len(got) == 1
    assert [i.period_value for i in got[0].indicators] == [None] * len(r.indicators)
    assert contract(got[0]) == contract(r)


def test_docx_round_trip(rendered):
    recs, forms = rendered
    for r, f in zip(recs, forms):
        got = extract_file(f.docx, checks=False)
        assert len(got) == 1, f.docx.name
        assert contract(got[0]) == contract(r), f.docx.name


def variety_records(seeds: range) -> list[Record]:
    import variety

    return [Record.from_dict(d) for seed in seeds for d in variety.variant(seed).expected]


def test_docx_round_trip_on_random_variants(tmp_path):
    """Records written every way real forms write them (>= ＞= 以上, 万元, odd layouts) come back."""
    recs = [r for r in variety_records(range(30)) if r.goal_overall]
    assert len(recs) > 30
    for r, f in zip(recs, render.render_batch(recs, tmp_path)):
        got = extract_file(f.docx, checks=False)
        assert len(got) == 1, f.docx.name
        assert contract(got[0]) == contract(r), f.docx.name


def test_round_trip_without_an_overall_goal(tmp_path, seed_records):
    r = copy.deepcopy(seed_records[0])
    r.goal_overall = None
    got = extract_file(render.render_docx(r, tmp_path / "g.docx"), checks=False)[0]
    assert (got.goal_overall, got.goal_annual) == (None, r.goal_annual)


def test_cli_renders_what_extract_printed(tmp_path, seed_path, capsys):
    from pipeline.cli import main

    assert main(["extract", str(seed_path), "--compact"]) == 0
    records_json = tmp_path / "records.json"
    records_json.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["render", str(records_json), "--out", str(tmp_path / "out")]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 8 and all(Path(x["docx"]).is_file() and x["pdf"] is None for x in lines)
    broken = tmp_path / "broken.json"
    broken.write_text('{"project_name": ', encoding="utf-8")
    assert main(["render", str(broken), "--out", str(tmp_path / "out2")]) == 2
    assert "不是 jixiao extract 输出的记录文件" in capsys.readouterr().err


# ------------------------------------------------------------------ .pdf (LibreOffice)


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"{tool} is not installed: apt-get install libreoffice-writer-nogui poppler-utils "
                    "fonts-noto-cjk fonts-arphic-uming (CI installs them)")
    return path


@pytest.fixture(scope="module")
def pdf_batch(tmp_path_factory, seed_records):
    """The seed and formgen records as .docx and .pdf, converted in one soffice call."""
    from pipeline import settings

    _require(settings.get().soffice)
    out = tmp_path_factory.mktemp("pdf")
    recs = all_records(seed_records) + [r for r in variety_records(range(3)) if r.goal_overall]
    forms = render.render_batch(recs, out, pdf=True, profile_dir=out / ".profile")
    return recs, forms


@pytest.mark.slow
def test_pdf_batch_is_written_for_every_form(pdf_batch):
    recs, forms = pdf_batch
    assert len(forms) == len(recs)
    for f in forms:
        assert f.pdf is not None and f.pdf.is_file() and f.pdf.read_bytes().startswith(b"%PDF")
        assert f.pdf.stem == f.docx.stem


@pytest.mark.slow
def test_pdf_uses_real_cjk_faces(pdf_batch):
    _require("pdffonts")
    _, forms = pdf_batch
    out = subprocess.run(["pdffonts", str(forms[0].pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    cjk = [f for f in fonts if "CJK" in f or "UMing" in f or "UKai" in f]
    assert cjk, out
    # 仿宋_GB2312 and 方正小标宋简体 reach a serif face through templates/fonts.conf, not the 黑体-like fallback
    assert all("Sans" not in f for f in cjk), out
    assert not any("DejaVu" in f for f in fonts), out


@pytest.mark.slow
def test_pdf_first_page_is_not_blank(pdf_batch, tmp_path):
    _require("pdftoppm")
    _, forms = pdf_batch
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(forms[0].pdf), str(prefix)],
                   check=True, capture_output=True)
    png = next(tmp_path.glob("page*.pgm"), None) or next(tmp_path.glob("page*"))
    data = png.read_bytes()
    # binary PGM: header "P5\n<w> <h>\n255\n" then one byte per pixel
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    pixels = parts[3][: w * h]
    dark = sum(1 for p in pixels if p < 128)
    assert dark > 0.01 * w * h, f"only {dark} dark pixels of {w * h}"


@pytest.mark.slow
def test_pdf_text_has_the_name_and_every_indicator(pdf_batch):
    import pdfplumber

    recs, forms = pdf_batch
    for r, f in zip(recs, forms):
        with pdfplumber.open(str(f.pdf)) as pdf:
            cells = []
            for page in pdf.pages:
                for table in page.extract_tables():
                    cells += [norm(c) for row in table for c in row if c]
                text = norm(page.extract_text())
        joined = "|".join(cells)
        assert norm(r.project_name) in joined or norm(r.project_name) in text, f.pdf.name
        for i in r.indicators:
            if i.name:
                assert norm(i.name) in joined, (f.pdf.name, i.name)


@pytest.mark.slow
def test_two_workers_get_converters_of_their_own_and_convert_at_once(rendered, tmp_path, monkeypatch):
    from pipeline import settings
    from pipeline.render import convert

    _require(settings.get().soffice)
    _, forms = rendered
    results: dict[int, list] = {}
    errors: list[BaseException] = []
    used: list = []
    real = convert._checkout

    @contextlib.contextmanager
    def spy(profile_dir):
        with real(profile_dir) as conv:
            used.append(conv.profile)
            yield conv

    def work(k: int) -> None:
        try:  # no profile given: each thread must get a converter (and profile) of its own
            results[k] = render.docx_to_pdf([f.docx for f in forms[2 * k:2 * k + 2]], tmp_path / f"out{k}")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    monkeypatch.setattr(convert, "_checkout", spy)
    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(set(used)) == 2, used
    assert sum(len(v) for v in results.values()) == 4
    assert all(p.is_file() and p.stat().st_size > 0 for v in results.values() for p in v)


def _pages(pdf: Path, prefix: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-gray", "-r", "50", str(pdf), str(prefix)], check=True, capture_output=True)
    pages = sorted(prefix.parent.glob(prefix.name + "*.pgm"))
    return [p.read_bytes() for p in pages]


@pytest.mark.slow
def test_the_long_lived_converter_draws_what_soffice_convert_to_draws(rendered, tmp_path, monkeypatch):
    """Same filter, fonts and profile settings: every page the same pixels as a plain soffice call."""
    from pipeline import settings

    _require("pdftoppm")
    _, forms = rendered
    docx = [f.docx for f in forms[:3]]
    assert render.converter_kind() == "uno", "python3-uno is not installed (scripts/setup.sh installs it)"
    by_uno = render.docx_to_pdf(docx, tmp_path / "uno", tmp_path / "profile-uno")
    monkeypatch.setenv("JIXIAO_CONVERTER", "soffice")
    settings.reset()
    try:
        assert render.converter_kind() == "soffice"
        by_soffice = render.docx_to_pdf(docx, tmp_path / "soffice", tmp_path / "profile-soffice")
    finally:
        monkeypatch.delenv("JIXIAO_CONVERTER")
        settings.reset()
    for k, (a, b) in enumerate(zip(by_uno, by_soffice, strict=True)):
        assert _pages(a, tmp_path / f"a{k}-") == _pages(b, tmp_path / f"b{k}-"), a.name


@pytest.mark.slow
def test_a_killed_libreoffice_is_started_again(rendered, tmp_path):
    import os
    import signal

    from pipeline.render import convert

    _, forms = rendered
    profile = tmp_path / "profile"
    render.docx_to_pdf([forms[0].docx], tmp_path / "a", profile)
    conv = convert._register(profile)
    assert conv.alive and conv.starts == 1 and conv.healthy()
    os.killpg(conv.proc.pid, signal.SIGKILL)  # LibreOffice and its worker die between two files
    conv.proc.wait(10)
    assert not conv.healthy()
    [pdf] = render.docx_to_pdf([forms[1].docx], tmp_path / "b", profile)
    assert pdf.is_file() and pdf.stat().st_size > 0
    assert conv.starts == 2 and conv.healthy()


@pytest.mark.slow
def test_libreoffice_is_started_afresh_after_its_document_budget(rendered, tmp_path, monkeypatch):
    from pipeline import settings
    from pipeline.render import convert

    _, forms = rendered
    monkeypatch.setenv("JIXIAO_CONVERTER_MAX_DOCUMENTS", "2")
    settings.reset()
    try:
        profile = tmp_path / "profile"
        pdfs = render.docx_to_pdf([f.docx for f in forms[:5]], tmp_path / "out", profile)
    finally:
        monkeypatch.delenv("JIXIAO_CONVERTER_MAX_DOCUMENTS")
        settings.reset()
    assert all(p.is_file() and p.stat().st_size > 0 for p in pdfs)
    conv = convert._register(profile)
    assert conv.starts == 3 and conv.documents == 1  # 2 + 2 + 1


@pytest.mark.slow
def test_a_document_past_its_time_limit_kills_libreoffice_as_a_fault_of_the_system(rendered, tmp_path):
    from pipeline.render import convert

    _, forms = rendered
    profile = tmp_path / "profile"
    render.docx_to_pdf([forms[0].docx], tmp_path / "warm", profile)
    with pytest.raises(render.ConverterUnavailable) as info:
        render.docx_to_pdf([forms[0].docx, forms[1].docx], tmp_path / "slow", profile, timeout=0.001)
    assert info.value.hung and info.value.kind == "converter_unavailable"
    assert [p.name for p in info.value.missing] == [f"{forms[0].docx.stem}.pdf", f"{forms[1].docx.stem}.pdf"]
    conv = convert._register(profile)
    assert not conv.alive  # killed, not left hanging
    got = render.docx_to_pdf([forms[0].docx, forms[1].docx], tmp_path / "again", profile)
    assert all(p.is_file() for p in got) and conv.starts == 2


@pytest.mark.slow
def test_soffice_batches_stay_under_the_batch_size(rendered, tmp_path, monkeypatch):
    """JIXIAO_CONVERTER=soffice: several calls of at most JIXIAO_PDF_BATCH_FILES files each."""
    from pipeline import settings
    from pipeline.render import convert

    _, forms = rendered
    calls: list[int] = []
    real = convert._soffice_call

    def spy(src, out, profile, limit):
        calls.append(len(src))
        return real(src, out, profile, limit)

    monkeypatch.setattr(convert, "_soffice_call", spy)
    monkeypatch.setenv("JIXIAO_CONVERTER", "soffice")
    monkeypatch.setenv("JIXIAO_PDF_BATCH_FILES", "2")
    settings.reset()
    try:
        pdfs = render.docx_to_pdf([f.docx for f in forms[:5]], tmp_path / "out", tmp_path / "profile")
    finally:
        monkeypatch.delenv("JIXIAO_CONVERTER")
        monkeypatch.delenv("JIXIAO_PDF_BATCH_FILES")
        settings.reset()
    assert calls == [2, 2, 1]
    assert all(p.is_file() and p.stat().st_size > 0 for p in pdfs)


@pytest.mark.slow
def test_a_file_soffice_cannot_read_is_reported_with_what_was_written(rendered, tmp_path):
    from pipeline import settings

    _require(settings.get().soffice)
    good = tmp_path / "good.docx"
    good.write_bytes(rendered[1][0].docx.read_bytes())
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(render.PdfConversionError) as info:
        render.docx_to_pdf([good, broken], tmp_path / "out", tmp_path / "profile")
    assert [p.name for p in info.value.missing] == ["broken.pdf"]
    assert [p.name for p in info.value.written] == ["good.pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("converter", ["uno", "soffice"])
@pytest.mark.parametrize("missing", ["JIXIAO_SOFFICE", "JIXIAO_UNO_PYTHON"])
def test_missing_libreoffice_is_a_fault_of_the_system(rendered, tmp_path, monkeypatch, converter, missing):
    from pipeline import settings

    if converter == "soffice" and missing == "JIXIAO_UNO_PYTHON":
        pytest.skip("the soffice converter does not use LibreOffice's Python")
    monkeypatch.setenv("JIXIAO_CONVERTER", converter)
    monkeypatch.setenv(missing, str(tmp_path / "no-such-program"))
    settings.reset()
    try:
        with pytest.raises(render.ConverterUnavailable) as info:
            render.docx_to_pdf([rendered[1][0].docx], tmp_path, tmp_path / "profile")
        assert isinstance(info.value, render.PdfConversionError) and not info.value.hung
    finally:
        monkeypatch.delenv("JIXIAO_CONVERTER")
        monkeypatch.delenv(missing)
        settings.reset()


@pytest.mark.slow
def test_pdf_round_trip(pdf_batch):
    pytest.importorskip("pipeline.readers.pdf", reason="the pdf reader (pipeline/readers/pdf.py) has not landed")
    recs, forms = pdf_batch
    for r, f in zip(recs, forms):
        got = extract_file(f.pdf, checks=False)
        assert len(got) == 1, f.pdf.name
        assert contract(got[0]) == contract(r), f.pdf.name


@pytest.mark.slow
def test_pdf_round_trip_of_a_form_running_over_pages(seed_records, tmp_path):
    """The indicator header repeats on every page; without it the pdf reader took a page's first
    row, whose 一级/二级 cells continue a merge, for the rest of the last row overleaf."""
    import pdfplumber

    from pipeline import settings

    _require(settings.get().soffice)
    r = copy.deepcopy(seed_records[0])
    r.indicators = [Indicator("产出指标", l2, f"{l2[:2]}第{k}项", f"≥{k + 1}场", f"≥{k + 1}场",
                              parse_target(f"≥{k + 1}场"), parse_target(f"≥{k + 1}场"))
                    for l2 in ("数量指标", "质量指标", "时效指标") for k in range(30)]
    form = render.render_batch([r], tmp_path, pdf=True, profile_dir=tmp_path / "profile")[0]
    with pdfplumber.open(str(form.pdf)) as pdf:
        assert len(pdf.pages) >= 3
        assert all("三级指标" in (page.extract_text() or "") for page in pdf.pages[1:])
    assert contract(extract_file(form.docx, checks=False)[0]) == contract(r)  # the .docx is fine
    got = extract_file(form.pdf, checks=False)
    assert len(got) == 1
    assert contract(got[0]) == contract(r)


# ------------------------------------------------------------------ the official look (PDF pages)

HEADER_LABELS = ("一级指标", "二级指标", "三级指标")


def _horizontal_rules(page) -> list[float]:
    """The heights (pt from the top) of the horizontal rules drawn across at least a third of the page."""
    tops = sorted({round(e["top"], 1) for e in page.edges
                   if e["orientation"] == "h" and e["x1"] - e["x0"] > 0 and e["width"] >= 0})
    spans: dict[float, float] = {}
    for e in page.edges:
        if e["orientation"] == "h":
            y = round(e["top"], 1)
            spans[y] = spans.get(y, 0) + (e["x1"] - e["x0"])
    return [y for y in tops if spans.get(y, 0) > page.width / 3]


@pytest.mark.slow
def test_the_pdf_has_single_rules_between_its_rows(pdf_batch):
    """No double rule (two lines a point or two apart), between the header block and the
    indicator table least of all."""
    import pdfplumber

    _, forms = pdf_batch
    for f in forms[:8]:
        with pdfplumber.open(str(f.pdf)) as pdf:
            for page in pdf.pages:
                rules = _horizontal_rules(page)
                close = [(a, b) for a, b in itertools.pairwise(rules) if b - a < 3]
                assert not close, (f.pdf.name, page.page_number, close)


def _words(page) -> list[dict]:
    return page.extract_words(keep_blank_chars=False, use_text_flow=False)


@pytest.mark.slow
def test_merged_level_cells_are_centred_beside_their_rows(pdf_batch):
    """A merged 一级 / 二级 cell shows its name halfway down its rows, as its neighbours are centred."""
    import pdfplumber

    recs, forms = pdf_batch
    r, f = recs[0], forms[0]  # the seed's first form: 产出指标 over five rows, 数量指标 and 质量指标 over two
    with pdfplumber.open(str(f.pdf)) as pdf:
        page = pdf.pages[0]
        words = _words(page)

        def box(text: str) -> tuple[float, float]:
            """(top, bottom) of the first word starting `text` (a wrapped cell's first line)."""
            hits = [w for w in words if len(w["text"]) >= 2 and text.startswith(w["text"])]
            assert hits, (text, [w["text"] for w in words])
            return hits[0]["top"], hits[0]["bottom"]

        def centre(text: str) -> float:
            top, bottom = box(text)
            return (top + bottom) / 2

        rules = _horizontal_rules(page)
        for label, key in (("产出指标", lambda i: i.level1 == "产出指标"), ("数量指标", lambda i: i.level2 == "数量指标")):
            names = [render.show(i.name) for i in r.indicators if key(i)]
            top = max(y for y in rules if y <= box(names[0])[0])  # the rule above the group's first row
            bottom = min(y for y in rules if y >= box(names[-1])[0] + 5)  # the rule below its last row
            middle = (top + bottom) / 2
            assert abs(centre(label) - middle) < 8, (label, centre(label), top, bottom)
        # the 绩效指标 cell runs down the block: its name sits below the header row, halfway down
        assert centre("一级指标") < centre("绩效指标") - 20


@pytest.mark.slow
def test_no_label_or_value_wraps_into_four_lines_on_the_seed(pdf_batch):
    """Labels and values (not the goal paragraphs) take at most three lines on the seed's forms."""
    import pdfplumber

    _, forms = pdf_batch
    n_seed = 8
    for f in forms[:n_seed]:
        with pdfplumber.open(str(f.pdf)) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    for row in table:
                        for cell in row:
                            if not cell or len(cell.replace("\n", "")) > 80:  # a goal paragraph
                                continue
                            assert cell.count("\n") < 3, (f.pdf.name, cell)


@pytest.mark.slow
def test_the_official_empty_level2_rows_are_kept(pdf_batch):
    import pdfplumber

    _, forms = pdf_batch
    with pdfplumber.open(str(forms[0].pdf)) as pdf:
        text = "".join(w["text"] for p in pdf.pages for w in _words(p))
    for l2 in ("社会成本指标", "生态环境成本指标", "经济效益指标", "生态效益指标", "可持续影响指标"):
        assert l2 in text, l2


@pytest.mark.slow
def test_level_labels_are_repeated_on_continuation_pages(seed_records, tmp_path):
    """A form running over pages names its 绩效指标, 一级 and 二级 again at the top of each page."""
    import pdfplumber

    r = copy.deepcopy(seed_records[0])
    r.indicators = [Indicator("产出指标", l2, f"{l2[:2]}第{k}项", f"≥{k + 1}场", f"≥{k + 1}场",
                              parse_target(f"≥{k + 1}场"), parse_target(f"≥{k + 1}场"))
                    for l2 in ("数量指标", "质量指标") for k in range(40)]
    form = render.render_batch([r], tmp_path, pdf=True, profile_dir=tmp_path / "profile")[0]
    with pdfplumber.open(str(form.pdf)) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            words = [w["text"] for w in _words(page)]
            first = next(w for w in words if w.startswith(("数量第", "质量第")))
            assert "绩效指标" in words or "绩效" in words, (page.page_number, words[:12])
            assert "产出指标" in words, (page.page_number, words[:12])
            assert f"{first[:2]}指标" in words, (page.page_number, first, words[:12])
    # the .docx keeps one merge per group (Word lays out its own pages)
    table, head = indicator_table(form.docx)
    level1 = [table.rows[k].cells[1]._tc for k in range(head + 1, len(table.rows))]  # alive: ids hold
    assert len({id(tc) for tc in level1}) == 1
    got = extract_file(form.pdf, checks=False)
    assert len(got) == 1 and contract(got[0]) == contract(r)


@pytest.mark.slow
def test_a_libreoffice_hanging_on_a_file_leaves_it_its_word_files(tmp_path, seed_path, monkeypatch):
    """LibreOffice past its time limit twice on one file is killed each time; the file is filed
    with its .docx and a note (waiting would hang LibreOffice again on every pass), and the next
    file is converted by a fresh LibreOffice."""
    from pipeline import settings
    from pipeline.process import sweep

    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    shutil.copy(seed_path, home / "inbox" / "seed.txt")
    db = f"sqlite:///{home}/var/jixiao.db"
    monkeypatch.setenv("JIXIAO_PDF_TIMEOUT", "0.001")
    settings.reset()
    try:
        [o] = sweep(home / "inbox", store=db, settle_seconds=0, pdf=True, home=home, out_dir=home / "outbox",
                    soffice_profile=tmp_path / "profile")
    finally:
        monkeypatch.delenv("JIXIAO_PDF_TIMEOUT")
        settings.reset()
    assert o.status == "processed" and "超时" in (o.reason or ""), o
    assert len(list((home / "outbox").glob("*.docx"))) == 8 and not list((home / "outbox").glob("*.pdf"))
    r = copy.deepcopy(seed_path.read_text(encoding="utf-8")).replace("白玉兰中心费用", "白玉兰中心费用（二）")
    (home / "inbox" / "seed2.txt").write_text(r, encoding="utf-8")
    [o] = sweep(home / "inbox", store=db, settle_seconds=0, pdf=True, home=home, out_dir=home / "outbox",
                soffice_profile=tmp_path / "profile")
    assert o.status == "processed" and o.reason is None, o
    assert len(list((home / "outbox").glob("*.pdf"))) == 8
