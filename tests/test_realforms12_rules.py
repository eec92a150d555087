"""Rules found on published pages in round 12 of real forms (helper realforms12), each on a few
hand-written lines of invented content."""

from __future__ import annotations

from pipeline import vocab
from pipeline.forms import parse
from pipeline.readers.txt import read_text


def _inds(r):
    return [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in r.indicators]


_WEB_NAME_LINE = """某市财政项目支出绩效目标表 | |||||
( 2023 年度) | |||||
预算单位:某市某馆 | |||||
项目 名称 |
{value} | 本年度申请市财政预算资金(万元) | 46.5 | ||||
总体目标 | 实施周期总目标(2023年--2025年) | 年度目标 | ||||
三年内保持场馆正常开放 | 本年度保持场馆正常开放 | ||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | ||
产出指标 | 数量指标 | 保洁面积 | 1.2万平方米 | ||
"""


def test_a_name_label_ending_its_line_takes_the_next_lines_first_cell():
    """A web copy ends a merged label's line (`项目 名称 |`): the next line opens with the name, then a
    money label and its amount (东莞 财政项目支出绩效目标表). The name was lost: the money label in
    that row dropped the label waiting from the line above."""
    [r] = parse(read_text(_WEB_NAME_LINE.format(value="场馆保洁服务费"), "x.txt"))
    assert r.project_name == "场馆保洁服务费"
    assert r.budget_amount == 465000
    assert (r.period_start, r.period_end, r.budget_year) == (2023, 2025, 2023)
    assert _inds(r) == [("产出指标", "数量指标", "保洁面积", None, "1.2万平方米")]


def test_a_label_ending_its_line_takes_no_label_of_the_next_line():
    """The rule keeps the waiting label only for a plain first cell: a next line that opens with a
    label of its own (项目负责人) gives the name nothing."""
    text = _WEB_NAME_LINE.replace("{value} | ", "项目负责人 | 张某 | ")
    [r] = parse(read_text(text, "x.txt"))
    assert r.project_name is None
    assert r.budget_amount == 465000


def test_a_form_title_after_a_sites_note_in_the_same_cell():
    """A document site's OCR note runs into the form's title in one cell (`(注:以下内容为附件图片识别…)部门预算
    项目支出绩效自评表(2023年度)`): still the title, and its year is the budget's."""
    note = "详情见附件(注:以下内容为附件图片识别,个别文字可能不准确,请以附件为准)"
    assert vocab.is_form_title(note + "部门预算项目支出绩效自评表(2023年度)")
    assert not vocab.is_form_title(note + "某某单位关于报送部门预算项目支出绩效自评表的说明与附件清单")
    assert not vocab.is_form_title("(注:按照要求填写)" + "本表由各单位根据实际情况认真填写并于月底前报送财政局")
    text = (note + "部门预算项目支出绩效自评表(2023年度) | | | | |\n"
            "项目名称 | | 某某专项工作经费 | | |\n"
            "主管部门 | | 某市某局 | 实施单位(盖章) | 某市某中心 |\n"
            "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
            "| 产出指标 | 数量指标 | 培训次数 | ≥2次 |\n")
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.budget_year) == ("某某专项工作经费", 2023)


def test_pre_2021_level2_led_by_its_level1_stem():
    """The pre-2021 自评表's 二级 column writes 产出数量 / 产出质量 / 产出时效 / 产出成本 (蔡甸 森林防火 自评表)."""
    assert [vocab.level2_of(s) for s in ("产出数量", "產出質量", "产出时效", "产出成本")] == [
        "数量指标", "质量指标", "时效指标", "经济成本指标"]


def test_a_stock_remark_is_the_words_column_of_every_row():
    """A run-together 自评表 whose last column says the same in every row (…1000件达成预期指标监控…): the
    remark ends each row, so the rows read one by one; names sharing words are no remark."""
    from pipeline.readers.runtogether import split_rows, stock_remark

    run = "路灯安装数量120盏118盏按计划完成巡查次数12次12次按计划完成设备完好率不低于90%按计划完成"
    assert stock_remark(run) == "按计划完成"
    assert split_rows(run, ("value", "value", "text")) == [
        "路灯安装数量", "120盏", "118盏", "按计划完成", "巡查次数", "12次", "12次", "按计划完成",
        "设备完好率", "不低于90%", "按计划完成"]
    assert stock_remark("市级奖励人数省级奖励人数县级奖励人数市级奖励人均金额省级奖励人均金额县级奖励人均金额") is None


def test_run_on_self_evaluation_with_a_stock_remark_and_bare_level2_after_it():
    """蔡甸's shape, invented content: the 二级 written bare after the remark that ended the row above."""
    from pipeline.readers.txt import split_run_on

    line = ("2022年度某某专项经费项目绩效自评表项目名称某某专项经费主管部门某区某局项目实施单位某区某中心"
            "一级指标二级指标三级指标年初目标值实际完成值未完成原因及改进措施"
            "产出指标产出数量路灯安装数量120盏118盏按计划完成巡查次数12次12次按计划完成"
            "产出质量设备完好率不低于90%按计划完成产出时效完工时间2022年11月2022年10月按计划完成"
            "效益指标社会效益群众出行便利度提升提升按计划完成")
    cells = split_run_on(line)
    got = cells[cells.index("产出指标"):]
    assert got == ["产出指标", "产出数量", "路灯安装数量", "120盏", "118盏", "按计划完成", "巡查次数", "12次", "12次",
                   "按计划完成", "产出质量", "设备完好率", "不低于90%", "按计划完成", "产出时效", "完工时间",
                   "2022年11月", "2022年10月", "按计划完成", "效益指标", "社会效益", "群众出行便利度", "提升", "提升", "按计划完成"]
    [r] = parse(read_text(line, "x.txt"))
    assert _inds(r)[:4] == [("产出指标", "数量指标", "路灯安装数量", None, "120盏"),
                            ("产出指标", "数量指标", "巡查次数", None, "12次"),
                            ("产出指标", "质量指标", "设备完好率", None, "不低于90%"),
                            ("产出指标", "时效指标", "完工时间", None, "2022年11月")]


def test_a_row_the_remark_ends_is_one_row():
    """Between two stock remarks stands ONE row: a date target is not cut into a second row (`底前` | 2021年 …),
    a name may hold a figure (…6小时内扑灭率), and a row whose values no reading fits keeps its name."""
    from pipeline.readers.runtogether import split_rows

    kinds = ("value", "value", "text")
    assert split_rows("完工时间2021年3月底前2021年3月按计划完成", kinds, remark="按计划完成") == [
        "完工时间", "2021年3月底前", "2021年3月", "按计划完成"]
    assert split_rows("火情2小时内处置率不低于95%按计划完成", kinds, remark="按计划完成") == [
        "火情2小时内处置率", "不低于95%", "按计划完成"]
    assert split_rows("设备维护率100%5个按计划完成", kinds, remark="按计划完成") == [
        "设备维护率", "100%5个", "按计划完成"]


def test_a_level_name_repeating_is_no_stock_remark():
    """效益指标 repeats after a row's score too (…1010效益指标经济效益指标…): a label is never the remark."""
    from pipeline.readers.runtogether import stock_remark

    run = ("工程验收合格率100%100%1515效益指标经济效益指标维修成本≤120元116元1010效益指标社会效益指标"
           "教学保障不影响未影响1010效益指标可持续影响指标保修年限≥5年5年1010")
    assert stock_remark(run) is None


def test_run_on_money_header_marked_a_b():
    """`资金来源预算数(A)执行数(B)执行率(B/A)一般预算内拨款4848100%合计4848100%`: the column headers are cells of
    their own, so the money table's total is the budget (template hb-caidian-ziping-2021 reads it in every format)."""
    from pipeline.readers.txt import split_run_on

    cells = split_run_on("项目名称某某经费主管部门某局预算执行情况(万元)资金来源预算数(A)执行数(B)执行率(B/A)"
                         "一般预算内拨款4848100%合计4848100%")
    assert cells[cells.index("资金来源"):] == ["资金来源", "预算数(A)", "执行数(B)", "执行率(B/A)", "一般预算内拨款",
                                                "48", "48", "100%", "合计", "48", "48", "100%"]


def _cells(lines):
    return "\n\n".join(lines) + "\n"


def test_one_cell_a_line_the_name_again_in_the_actual_cell_is_no_row():
    """咸宁's 自评表, one cell a line: `建设…子站` / `11个` / `建设…子站` / `0` / reasons — the 全年完成值 cell held
    the name again over its figure; a second row of that name was junk. A target table (no actual column) keeps
    two rows of one name."""
    head = ["项目名称", "某某监测能力建设资金", "实施单位", "某市某局", "一级指标", "二级指标", "三级指标"]
    rows = ["产出指标", "数量指标", "建设水质自动监测站", "6个", "建设水质自动监测站", "0", "年内完成选址，次年建设",
            "质量指标", "监测数据有效率", "≥90%", "92%", "无"]
    [r] = parse(read_text(_cells([*head, "年度指标值", "全年完成值", "未完成原因和改进措施", *rows]), "x.txt"))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "建设水质自动监测站", "6个"), ("质量指标", "监测数据有效率", "≥90%")]
    plan = ["产出指标", "数量指标", "培训人次", "200人次", "培训人次", "300人次", "质量指标", "培训合格率", "≥90%"]
    [r] = parse(read_text(_cells([*head, "指标值", *plan]), "x.txt"))
    assert [(i.name, i.annual_value) for i in r.indicators] == [
        ("培训人次", "200人次"), ("培训人次", "300人次"), ("培训合格率", "≥90%")]


def test_numbered_options_with_none_marked_give_no_project_type():
    """黄冈 档案馆 自评表 (a preview): `项目类型 | 1、一次性拨付项目 2、多次拨付项目` with no box drawn or ticked — the
    form's printed choices, none chosen: no project type (a clerk leaves it empty)."""
    from pipeline.forms.values import unmarked_options

    assert unmarked_options("1、一次性拨付项目 2、多次拨付项目")
    assert not unmarked_options("1、常年性项目 □ 2、延续性项目 √")
    assert not unmarked_options("延续性项目")
    text = ("项目名称\t某某档案整理经费\n项目实施单位\t某市档案馆\n项目类型\t1、一次性拨付项目 2、多次拨付项目\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t整理档案卷数\t≥2000卷\n")
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.project_type) == ("某某档案整理经费", None)


def test_more_traditional_characters_read_as_labels():
    """黄冈's and 蔡甸's traditional previews: 項目類別 (別), 黃岡市檔案館, 滅火設備: the label and the names compare in
    simplified characters (the unit was read with the next label's words glued on)."""
    assert vocab.key("項目類別") == "项目类别"
    assert vocab.header_field("項目實施單位").field == "implementing_unit"
    assert vocab.to_simplified("黃岡市檔案館滅火設備監控系統") == "黄冈市档案馆灭火设备监控系统"
    assert len(vocab.TRADITIONAL) == len(vocab.SIMPLIFIED) == len(set(vocab.TRADITIONAL))
