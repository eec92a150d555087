"""Frozen scan cases: small image files in tests/data/sources/scans, each read as the records
written by hand beside it in tests/data/groundtruth/scans (test_ocr.py). The forms' content is
invented; the files were made once by this script and are rewritten only by hand:

    JIXIAO_REGENERATE_SCAN_CASES=1 .venv/bin/python -m tests.scancases

  drainage_borderless_centred.jpg   a form printed without borders, its merged 一级/二级 labels
                                    centred vertically on their rows; 150 dpi, turned 1°, grain,
                                    JPEG (≧ and a ≥ followed by a space, a thousands amount)
  clinic_photo_seal.jpg             a ruled form with a red seal over its header and values,
                                    photographed: perspective, light falling off, blur, JPEG
  meals_borderless_centred_page1.jpg
                                    the first page of a borderless form of two pages, merged labels
                                    centred: groups of one row (质量指标, 经济成本指标: unmerged,
                                    printed at their row's top), a group ending in a blank row
                                    (时效指标: its label centred under its one indicator), and 效益指标
                                    cut by the page foot (printed at the top of its part); 150 dpi,
                                    turned -0.6°, grain, JPEG
  roads_ruled_numbered_levels.pdf   a ruled form (tests/variety.py variant 8514, as
                                    benchmarks/scans.py's clean class scans it: 150 dpi, straight,
                                    image-only PDF) whose 一、产出指标 the model reads 、产出指标
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "data" / "sources" / "scans"
GROUNDTRUTH = HERE / "data" / "groundtruth" / "scans"
FLAG = "JIXIAO_REGENERATE_SCAN_CASES"
MAX_BYTES = 300_000

DRAINAGE_HEADER = [
    ["项目名称", "城区排水管网清淤维护"],
    ["主管部门", "某市水务局", "实施单位", "某市排水管理所"],
    ["项目类型", "经常性项目", "项目级次", "二级项目"],
    ["实施周期", "2026年-2027年"],
    ["年度预算金额（元）", "1,386,500.00"],
    ["年度绩效目标", "完成城区主干排水管网清淤，汛期无严重内涝。"],
]
DRAINAGE_INDICATORS = [  # level1, level2, name, annual value
    ("产出指标", "数量指标", "清淤管道长度", "≧42公里"),
    ("产出指标", "数量指标", "检查井清掏数量", "≥ 1,250座"),
    ("产出指标", "质量指标", "清淤达标率", "≥95%"),
    ("效益指标", "社会效益指标", "汛期内涝点数量", "≤3处"),
    ("效益指标", "可持续影响指标", "管网日常养护机制", "长效运行"),
    ("满意度指标", "服务对象满意度指标", "沿线居民满意度", "≥90%"),
]

CLINIC_HEADER = [
    ["项目名称", "乡镇卫生院远程会诊平台运维"],
    ["主管部门", "某县卫生健康局", "实施单位", "某县人民医院"],
    ["项目类型", "其他运转类", "项目级次", "一级项目"],
    ["实施周期", "2026年-2028年"],
    ["年度预算金额（元）", "2,473,860.50"],
    ["总体目标", "建成覆盖全县乡镇卫生院的远程会诊网络，基层首诊能力明显提升。"],
    ["年度目标", "完成平台年度运维，远程会诊服务不中断。"],
]
CLINIC_INDICATORS = [  # level1, level2, name, period value, annual value
    ("成本指标", "经济成本指标", "平台运维费用", "≤720万元", "≤247万元"),
    ("产出指标", "数量指标", "接入卫生院数量", "≧18家", "≧18家"),
    ("产出指标", "数量指标", "年度远程会诊人次", "≥9,600人次", "≥3,200人次"),
    ("产出指标", "时效指标", "故障响应时间", "≤2小时", "≤2小时"),
    ("效益指标", "社会效益指标", "基层首诊率", "≥65%", "≥60%"),
    ("满意度指标", "服务对象满意度指标", "患者满意度", "≥92%", "≥90%"),
]

MEALS_HEADER = [
    ["项目名称", "社区老年助餐服务补贴"],
    ["主管部门", "某区民政局", "实施单位", "某区养老服务指导中心"],
    ["项目类型", "民生保障类", "项目级次", "二级项目"],
    ["实施周期", "2026年"],
    ["年度预算金额（元）", "3,264,000.00"],
    ["总体目标", ("在全区街道建成覆盖城乡的老年助餐服务网络，为有需要的老年人提供安全、便捷、可负担的就餐服务，"
                  "独居、高龄和失能老年人就餐难问题得到基本解决。")],
    ["年度目标", "新建社区助餐点，落实助餐补贴，提升送餐上门能力，老年人就餐满意度保持在较高水平。"],
]
MEALS_INDICATORS = [  # level1, level2, name, annual value; a blank row ends 时效指标's group
    ("产出指标", "数量指标", "新建社区助餐点数量", "≥12个"),
    ("产出指标", "数量指标", "月均助餐服务人次", "≥8,000人次"),
    ("产出指标", "数量指标", "送餐上门车辆数量", "4辆"),
    ("产出指标", "质量指标", "食品安全抽检合格率", "100%"),
    ("产出指标", "时效指标", "补贴资金按月拨付率", "≥95%"),
    ("产出指标", "时效指标", "", ""),
    ("成本指标", "经济成本指标", "每餐补贴标准", "≤6元/餐"),
    ("成本指标", "社会成本指标", "助餐点租金减免面积", "≥600平方米"),
    ("效益指标", "社会效益指标", "独居高龄老人就餐覆盖率", "≥60%"),
    ("效益指标", "社会效益指标", "老年人营养状况", "明显改善"),
    ("效益指标", "可持续影响指标", "助餐服务运营机制", "持续运行"),
    ("满意度指标", "服务对象满意度指标", "就餐老年人满意度", "≥90%"),
    ("满意度指标", "服务对象满意度指标", "老年人家属满意度", "≥85%"),
]


def _table(doc, header: list[list[str]], columns: list[str], rows: list[tuple], ruled: bool, centred: bool):
    """A 5- or 6-column form: header rows (label | value spread over the rest, or two pairs), then
    the indicator block with its 一级/二级 labels merged down their groups."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    ncols = len(columns)
    t = doc.add_table(rows=len(header) + 1 + len(rows), cols=ncols)
    t.style = doc.styles["Table Grid"] if ruled else doc.styles["Normal Table"]
    for r, cells in enumerate(header):
        row = t.rows[r].cells
        if len(cells) == 2:
            row[0].text = cells[0]
            row[1].merge(row[ncols - 1]).text = cells[1]
        else:
            row[0].text, row[1].text, row[2].text = cells[0], cells[1], cells[2]
            row[3].merge(row[ncols - 1]).text = cells[3]
    top = len(header)
    for c, text in enumerate(columns):
        t.rows[top].cells[c].text = text
    for k, values in enumerate(rows):
        for c, text in enumerate(values):
            t.rows[top + 1 + k].cells[c].text = text
    for c in (0, 1):  # merge runs of equal labels, blanking all but the first
        k = 0
        while k < len(rows):
            e = k
            while e + 1 < len(rows) and rows[e + 1][c] == rows[k][c] and (c == 0 or rows[e + 1][0] == rows[k][0]):
                e += 1
            if e > k:
                for j in range(k + 1, e + 1):
                    t.rows[top + 1 + j].cells[c].text = ""
                cell = t.rows[top + 1 + k].cells[c].merge(t.rows[top + 1 + e].cells[c])
                cell.text = rows[k][c]
                if centred:
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            k = e + 1
    return t


def _docx(path: Path, title: str, note: str, header, columns, rows, ruled: bool, centred: bool) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph(title)
    doc.add_paragraph(note)
    _table(doc, header, columns, rows, ruled, centred)
    doc.add_paragraph("填表人：王芳  联系电话：0571-86001234")
    doc.save(str(path))
    return path


def _save_small(img, path: Path, quality: int) -> None:
    while True:
        img.save(path, "JPEG", quality=quality, dpi=(150, 150))
        if path.stat().st_size <= MAX_BYTES or quality <= 40:
            return
        quality -= 5


def regenerate() -> None:
    import scangen

    SOURCES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docx = _docx(root / "drainage.docx", "2026年度项目支出绩效目标表", "单位：元", DRAINAGE_HEADER,
                     ["一级指标", "二级指标", "三级指标", "年度指标值"], DRAINAGE_INDICATORS, ruled=False, centred=True)
        [page] = scangen.scan(scangen.pdf_of(docx, root), dpi=150, angle=1.0, noise=5, seed=11)[:1]
        _save_small(page.convert("L").convert("RGB"), SOURCES / "drainage_borderless_centred.jpg", 80)
        docx = _docx(root / "clinic.docx", "2026年度项目绩效目标表", "金额单位：元", CLINIC_HEADER,
                     ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"], CLINIC_INDICATORS,
                     ruled=True, centred=False)
        [page] = scangen.scan(scangen.pdf_of(docx, root), dpi=150)[:1]
        page = scangen.stamp(page, seed=5, text="县卫生健康局", where=(0.62, 0.3))
        _save_small(scangen.photo(page, seed=7, tilt=0.025, shade=0.3), SOURCES / "clinic_photo_seal.jpg", 80)
        docx = _docx(root / "meals.docx", "2026年度项目支出绩效目标表", "单位：元", MEALS_HEADER,
                     ["一级指标", "二级指标", "三级指标", "年度指标值"], MEALS_INDICATORS, ruled=False, centred=True)
        pages = scangen.scan(scangen.pdf_of(docx, root), dpi=150, angle=-0.6, noise=5, seed=21)
        assert len(pages) == 2, "the form runs over two pages: its first is the case"
        _save_small(pages[0].convert("L").convert("RGB"), SOURCES / "meals_borderless_centred_page1.jpg", 80)
        from variety import pdf_batch, variant, write_docx

        [pdf] = pdf_batch([write_docx(variant(8514, forms=1), root / "roads.docx")], root)
        scangen.write_image_pdf(scangen.scan(pdf, 150), SOURCES / "roads_ruled_numbered_levels.pdf", 150)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    if os.environ.get(FLAG) != "1":
        raise SystemExit(f"set {FLAG}=1 to rewrite the frozen scans")
    regenerate()
