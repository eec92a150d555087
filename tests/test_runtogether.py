"""Rows run together with no cell boundary left (a document site's preview): the grammar that splits
them (pipeline/readers/runtogether.py), on hand-written runs with hand-written cells."""

from pipeline.readers.runtogether import split_amounts, split_goal_pair, split_headers, split_rows
from pipeline.readers.txt import read_text

SELF_EVAL = ("value", "value", "score", "score", "text")  # 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因


def test_row_with_units_and_a_score_pair():
    assert split_rows("培训讲师人数12人12人1010", SELF_EVAL) == ["培训讲师人数", "12人", "12人", "10", "10"]


def test_score_pair_is_split_where_the_score_is_no_more_than_its_points():
    assert split_rows("宣传册单价0.5元/册0.5元/册2018", SELF_EVAL) == ["宣传册单价", "0.5元/册", "0.5元/册", "20", "18"]


def test_word_value_written_twice_is_target_and_value_reached():
    assert split_rows("资料归档质量规范规范1510", SELF_EVAL) == ["资料归档质量", "规范", "规范", "15", "10"]


def test_dates_as_values():
    assert split_rows("验收完成时间2023年6月底前2023年5月1010", SELF_EVAL) == [
        "验收完成时间", "2023年6月底前", "2023年5月", "10", "10"]


def test_several_rows_of_one_level_run_together():
    assert split_rows("发放手册数量≥500册520册55宣讲场次6场6场55", SELF_EVAL) == [
        "发放手册数量", "≥500册", "520册", "5", "5", "宣讲场次", "6场", "6场", "5", "5"]


def test_points_before_the_target():
    kinds = ("score", "value", "value", "score")  # 分值 | 年度指标值 | 全年实际值 | 得分
    assert split_rows("路灯安装合格率1595%98%15", kinds) == ["路灯安装合格率", "15", "95%", "98%", "15"]


def test_the_last_row_may_leave_its_last_columns_empty():
    """A target table's 实际完成值 left empty, or a row a page break cut; a row in the middle fills its
    columns, so the next name starts after them."""
    target_table = ("value", "value", "text")  # 指标值 | 实际完成值 | 原因
    assert split_rows("路灯安装数量30盏", target_table) == ["路灯安装数量", "30盏"]
    assert split_rows("路灯完好率100%", target_table) == ["路灯完好率", "100%"]  # no 10 | 0%
    assert split_rows("路灯安装数量30盏路灯完好率100%", target_table) == ["路灯安装数量", "30盏", "路灯完好率", "100%"]
    assert split_rows("活动参与人数30人以上30人以上", target_table) == ["活动参与人数", "30人以上", "30人以上"]
    assert split_rows("路灯安装数量30盏", SELF_EVAL) is None  # a 自评表 row has its points


def test_words_in_mid_row_are_not_guessed():
    assert split_rows("群众反映情况良好较好1010", SELF_EVAL) is None  # 良好 | 较好: no one reading


def test_headers_run_together():
    assert split_headers("分值得分") == ["分值", "得分"]
    assert split_headers("培训人数") is None


def test_money_row_by_its_execution_rate():
    kinds = ("amount", "amount", "exec", "score", "rate", "score")  # 年初预算数 全年预算数 全年执行数 分值 执行率 得分
    assert split_amounts("5050451090%9", kinds) == ["50", "50", "45", "10", "90%", "9"]
    assert split_amounts("12.512.5100%", ("amount", "exec", "rate")) == ["12.5", "12.5", "100%"]
    assert split_amounts("12.512.599%", ("amount", "exec", "rate")) is None  # no reading makes 99%


def test_goal_set_and_goal_reached():
    assert split_goal_pair("修缮村道两条。已全部完成修缮。") == ["修缮村道两条。", "已全部完成修缮。"]
    assert split_goal_pair("修缮村道两条。") is None


def test_whole_line():
    line = ("项目支出绩效自评表项目名称某某路灯维护经费主管部门某镇政府项目资金(万元)全年预算数全年执行数分值执行率得分"
            "年度资金总额202010100%10年度总体目标预期目标实际完成情况维护镇区路灯。已完成。"
            "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标维护路灯数量120盏120盏2020质量指标路灯完好率≥95%97%2020总分10098")
    cells = [c.text for r in read_text(line + "\n", "x.txt").rows for c in r.cells]
    i = cells.index("年度资金总额")
    assert cells[i + 1:i + 6] == ["20", "20", "10", "100%", "10"]
    assert cells[cells.index("数量指标") + 1:cells.index("质量指标")] == ["维护路灯数量", "120盏", "120盏", "20", "20"]
    assert cells[cells.index("质量指标") + 1:] == ["路灯完好率", "≥95%", "97%", "20", "20", "总分", "100", "98"]
    j = cells.index("实际完成情况")
    assert cells[j + 1:j + 3] == ["维护镇区路灯。", "已完成。"]


def test_word_value_after_a_name_that_ends_as_names_do():
    """One value column: the name ends as a 三级 does (…情况) and the value starts as words values do (不…)."""
    assert split_rows("校园安全事故发生情况未发生重大安全事故", ("value",)) == ["校园安全事故发生情况", "未发生重大安全事故"]
    assert split_rows("校园安全宣传工作持续开展", ("value",)) is None  # no name end, no value start: left whole


def test_spaces_a_preview_kept_between_cells():
    """A preview that kept a space between some cells (`足额保障率=100% 22.5`, dyrmt.com's copy of a 自评表):
    the space is no part of a value, and a bracket's colon is no label in the name."""
    kinds = ("value", "score")  # 年度指标值 | 分值
    assert split_rows("足额到位率=100% 12.5 结余率(计算方法:结余数/预算数)≤5% 12.5", kinds) == [
        "足额到位率", "=100%", "12.5", "结余率(计算方法:结余数/预算数)", "≤5%", "12.5"]


def test_many_rows_of_one_level():
    """Eight 三级 under one 二级 with one value column each (a 申报表): every row read, none lost to a
    name that swallows the row before it."""
    run = "".join(f"第{c}类设施数量{n}个" for c, n in zip("甲乙丙丁戊己庚辛", range(11, 19)))
    cells = split_rows(run, ("value",))
    assert cells is not None and len(cells) == 16
    assert cells[:4] == ["第甲类设施数量", "11个", "第乙类设施数量", "12个"]


def test_cost_table_parted_by_its_column_sums():
    """A money block's cost table run together: headers, items (name, figure, words, figures), then 合计,
    whose figures are the sums of their columns: that alone parts 318320 into 318 | 320."""
    from pipeline.readers.runtogether import split_cost_table
    text = ("金额测算(公式)依据2022年实际执行数2023年实际执行数保安服务费318依据合同单价318320"
            "设备维保费25依据维保台数2426合计343342346")
    assert split_cost_table(text) == [
        "金额", "测算(公式)依据", "2022年实际执行数", "2023年实际执行数",
        "保安服务费", "318", "依据合同单价", "318", "320", "设备维保费", "25", "依据维保台数", "24", "26",
        "合计", "343", "342", "346"]
    assert split_cost_table(text.replace("合计343342346", "合计343342347")) is None  # no parting sums up


def test_words_to_the_end_go_with_the_value():
    assert split_rows("项目按期完成情况100%完成", ("value",)) == ["项目按期完成情况", "100%完成"]
    assert split_rows("建成文化广场数量9个", ("value", "text")) == ["建成文化广场数量", "9个"]  # 个 is the number's


def test_period_and_year_values_written_alike():
    kinds = ("value", "value")  # 实施周期指标值 | 年度指标值
    assert split_rows("验收完成时间2026年10月31日前2026年10月31日前", kinds) == [
        "验收完成时间", "2026年10月31日前", "2026年10月31日前"]
    assert split_rows("合作单位数量≥6个部门/企业≥6个部门/企业", kinds) == ["合作单位数量", "≥6个部门/企业", "≥6个部门/企业"]


def test_a_long_value_with_figures_is_left_whole():
    """One value column and a value that is a sentence with figures: where the name ends is not told, and
    reading rows in it would make them up."""
    assert split_rows("保洁人员配置标准配置3名保洁员2800元/月及1名领班3200元/月。", ("value",)) is None


def test_whole_line_with_labels_carrying_their_year():
    """`到期年度2026` then `2026年预算金额(元)`: the year run into a label is the label's; the rows that do not
    read (a value that is a sentence) are left whole, not cut at every figure."""
    line = ("项目绩效目标表项目名称某某巡河经费主管部门某镇某局实施周期起始年度2026到期年度20262026年预算金额(元)120,000.00"
            "绩效指标一级指标二级指标三级指标年度指标值产出指标数量指标巡河里程≥300公里"
            "成本指标经济成本指标巡河人员配置标准配置3名巡河员2800元/月及1名领班3200元/月。")
    cells = [c.text for r in read_text(line + "\n", "x.txt").rows for c in r.cells]
    assert "2026年预算金额" in cells and cells[cells.index("到期年度") + 1] == "2026"
    assert cells[cells.index("经济成本指标") + 1:] == ["巡河人员配置标准配置3名巡河员2800元/月及1名领班3200元/月。"]


def test_unfilled_template_row_is_a_cell_of_its_own():
    assert split_rows("指标1:巡查次数≥12次指标2:......", ("value",)) == ["指标1:巡查次数", "≥12次", "指标2:......"]


def test_block_points_stand_for_an_unlabeled_score_column():
    """A 区域自评表's header `年度指标值实际完成指标值50` (the block's points where a label would be): each row ends
    with its score."""
    line = ("年度绩效指标完成情况一级指标二级指标三级指标年度指标值实际完成指标值50产出指标数量指标"
            "指标1:巡查企业家次≥80家次86家次5指标2:培训人次≥30人次33人次5")
    cells = [c.text for r in read_text(line + "\n", "x.txt").rows for c in r.cells]
    assert cells[cells.index("数量指标") + 1:] == [
        "指标1:巡查企业家次", "≥80家次", "86家次", "5", "指标2:培训人次", "≥30人次", "33人次", "5"]


def test_split_columns_nature_direction_unit():
    """指标性质 | 指标方向 | 目标值 | 计量单位 | 分值: each cell of the value's own, the operator word in its column."""
    from pipeline.readers.runtogether import column_kind
    kinds = tuple(column_kind(h) for h in ("指标性质", "指标方向", "目标值", "计量单位", "分值", "备注"))
    assert split_rows("新建便民网点数量大于等于正向8个20", kinds) == ["新建便民网点数量", "大于等于", "正向", "8", "个", "20"]
    assert split_rows("单个网点补助成本小于等于反向3万元/个10", kinds) == [
        "单个网点补助成本", "小于等于", "反向", "3", "万元/个", "10"]


def test_value_reached_is_of_the_targets_magnitude():
    """完成值 | 权重 | 得分 run together after the target (≥80场次 then 863030): 86 | 30 | 30, not 8630 | 3 | 0."""
    from pipeline.readers.runtogether import column_kind
    kinds = tuple(column_kind(h) for h in ("指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"))
    assert split_rows("举办培训场次≥60场次652525", kinds) == ["举办培训场次", "≥", "60", "场次", "65", "25", "25"]


def test_header_notes_are_no_headers():
    assert split_headers("(150字内)指标值(150字内)评分细则(150字内)") == ["指标值", "评分细则"]


def test_goal_sentence_holding_label_words():
    """A goal whose sentence holds a label's words (绩效目标, 财政资金) run together: one cell to its 。."""
    line = ("项目绩效目标表项目名称某某评审经费主管部门某局实施周期总目标对全区项目开展事前绩效评估和绩效目标审核，"
            "提高财政资金使用效益。绩效指标一级指标二级指标三级指标年度指标值产出指标数量指标评审项目数量≥50个")
    cells = [c.text for r in read_text(line + "\n", "x.txt").rows for c in r.cells]
    assert "对全区项目开展事前绩效评估和绩效目标审核,提高财政资金使用效益。" in cells


def test_a_short_bare_level_name_inside_a_name_does_not_cut_it():
    from pipeline.readers.txt import split_run_on
    # 可持续性 is a 二级 spelling in a table's cells, but run together it stands inside names too
    assert split_run_on("可持续影响指标设施运行可持续性保持良好≥5年") == ["可持续影响指标", "设施运行可持续性保持良好", "≥5年"]


def test_a_note_after_a_run_on_column_header_stays_with_it():
    from pipeline.readers.txt import split_run_on
    # 湖北 自评表 as a document site's preview: 年初目标值(A)实际完成值(B)得分, the (A) / (B) notes on the header
    # before them (not a cell of their own, nor the head of the next header's name)
    cells = split_run_on("一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分产出指标数量指标改造病房间数≥40间42间10")
    assert cells[3:6] == ["年初目标值(A)", "实际完成值(B)", "得分"]


def test_a_bare_level2_right_after_its_level1_is_a_level_name():
    from pipeline.readers.txt import split_run_on
    # a new 一级's rows start with their own 二级: 经济效益 (no 指标) right after 效益指标 is that 二级, not the
    # head of the row's name; elsewhere the short bare name is no cut (设施运行可持续性…)
    cells = split_run_on("一级指标二级指标三级指标年度指标值实际完成值得分效益指标经济效益新增床位服务收入≥300万元326万元10")
    assert cells[6:] == ["效益指标", "经济效益", "新增床位服务收入", "≥300万元", "326万元", "10"]
    cells = split_run_on("一级指标二级指标三级指标年度指标值实际完成值得分产出指标经济效益显著提升率≥5%6%10")
    assert "经济效益" not in cells  # not 产出指标's 二级: part of the name


def test_a_unit_run_into_the_money_section_of_a_self_evaluation_ends_there():
    from pipeline.readers.txt import split_run_on
    cells = split_run_on("项目实施单位某市第二人民医院预算执行情况(万元)(20分)预算数(A)执行数(B)")
    assert cells[:3] == ["项目实施单位", "某市第二人民医院", "预算执行情况"]
