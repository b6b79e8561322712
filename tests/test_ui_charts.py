"""Figure builders: units, gaps, plan styling, provenance in customdata, escaping, file names."""

from decimal import Decimal

import pandas as pd
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path
from ui_factories import facts_frame, gold_articles, gold_facts, make_fact

from ui import charts, queries as q


def invest(period, value_yi, **kw):
    value = Decimal(str(value_yi))
    return make_fact(period=period, value=value, value_std=value * Decimal(100000000),
                     article_title=kw.pop("article_title", f"{period}投资"), **kw)


def series_of(facts):
    return q.build_series(q.prepare_facts(facts_frame(facts)))


def test_trend_line_breaks_at_a_missing_period():
    fig = charts.trend_figure(series_of([invest("2023-Q1", 10), invest("2023-Q2", 12), invest("2023-Q4", 15)]))
    trace = fig.data[0]
    assert trace.connectgaps is False
    assert list(trace.y) == [10.0, 12.0, None, 15.0]


def test_trend_axis_carries_the_unit():
    fig = charts.trend_figure(series_of([invest("2023", 10), invest("2024", 12)]))
    assert fig.layout.yaxis.title.text == "金额（亿元）"


def test_plan_series_is_dashed():
    fig = charts.trend_figure(series_of([invest("2023", 100, indicator="年度计划投资", status="plan"), invest("2023", 80)]))
    dashes = {t.name: t.line.dash for t in fig.data}
    assert dashes["年度计划投资·高新区（计划·年度）"] == "dash"
    assert dashes["完成投资·高新区（年度）"] == "solid"


def test_each_unit_class_gets_its_own_panel():
    rate = make_fact(period="2023", indicator="完成率", value=Decimal(75), value_std=Decimal(75), unit="%",
                     unit_std="percent", surface="12.5亿元")
    fig = charts.trend_figure(series_of([invest("2023", 10), invest("2024", 12), rate]))
    assert fig.layout.yaxis2.title.text == "比率（%）"


def test_points_carry_their_fact_id_and_escaped_sentence():
    f = invest("2023", 10, sentence="<b>高新区</b>完成投资10亿元。", surface="10亿元")
    fig = charts.trend_figure(series_of([f]))
    custom = fig.data[0].customdata[0]
    assert custom[0] == f.fact_id
    assert "<b>高新区" not in custom[1] and "&lt;b&gt;高新区" in custom[1]


def test_bar_chart():
    fig = charts.trend_figure(series_of([invest("2023", 10)]), chart="bar")
    assert fig.data[0].type == "bar"


def test_empty_series_gives_a_message_not_an_error():
    fig = charts.trend_figure(series_of([]))
    assert "没有" in fig.layout.annotations[0].text


def test_source_note_on_every_chart():
    fig = charts.trend_figure(series_of([invest("2023", 10)]), title="完成投资")
    assert "非官方统计" in fig.layout.title.subtitle.text


def test_plan_actual_figure_shows_the_rate():
    df = q.prepare_facts(facts_frame([invest("2023", 200, indicator="年度计划投资", status="plan"), invest("2023", 150)]))
    fig = charts.plan_actual_figure(q.plan_vs_actual(df))
    assert [t.name for t in fig.data] == ["计划", "完成"]
    assert fig.data[1].text[0] == "完成75%"


def test_timeline_and_project_figures_on_gold():
    df = q.prepare_facts(facts_frame(list(gold_facts())))
    timeline = charts.timeline_figure(q.timeline_frame(df))
    assert len(timeline.data) == df["topic"].nunique()
    _ledger, events = q.project_ledger(df, gold_articles())
    assert charts.project_timeline_figure(events).data


def test_timeline_of_many_facts_counts_them_by_month():
    frame = facts_frame([invest("2023", 1)])
    big = q.prepare_facts(pd.concat([frame] * (charts.DOTS_UP_TO + 1), ignore_index=True))
    fig = charts.timeline_figure(q.timeline_frame(big))
    assert fig.data[0].type == "bar"
    assert sum(fig.data[0].y) == charts.DOTS_UP_TO + 1


def test_modebar_png_is_2x_with_a_chinese_file_name():
    config = charts.chart_config("指标趋势_完成投资")
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "指标趋势_完成投资", "scale": 2}


def test_safe_filename_drops_path_characters():
    assert charts.safe_filename("../指标", "a/b:c") == "..-指标_a-b-c"
