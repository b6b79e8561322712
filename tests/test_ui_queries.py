"""Queries behind the pages, on hand-made facts and on the gold facts (no browser, no store)."""

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from ui_factories import DEV_DOCS, GOLD_DEV, facts_frame, gold_facts, make_fact  # first: sets sys.path

from ui import queries as q
from ui.indicators import load_indicator_meta


def invest(period, value_yi, indicator="完成投资", status="actual", subject="高新区", **kw):
    """A 亿元 investment fact for `period`."""
    value = Decimal(str(value_yi))
    return make_fact(
        period=period, indicator=indicator, status=status, subject=subject, value=value,
        value_text=str(value_yi), value_std=value * Decimal(100000000),
        article_title=kw.pop("article_title", f"{period}投资"), **kw,
    )


def prepared(facts, checked=None):
    return q.prepare_facts(facts_frame(facts, checked), load_indicator_meta())


# --- series: gaps, bases, plan apart ---------------------------------------------------


def test_missing_quarter_is_a_gap_not_a_zero():
    df = prepared([invest("2023-Q1", 10), invest("2023-Q2", 12), invest("2023-Q4", 15)])
    series = q.build_series(df)
    assert len(series) == 4
    gap = series[series["gap"]]
    assert list(gap["x"]) == [pd.Timestamp("2023-09-30")]
    assert np.isnan(gap["value_std"].iloc[0])
    assert (series["value_std"].fillna(-1) != 0).all()


def test_missing_year_is_a_gap():
    df = prepared([invest("2020", 100), invest("2022", 120)])
    series = q.build_series(df)
    assert list(series["gap"]) == [False, True, False]


def test_irregular_dates_get_no_gaps():
    df = prepared([invest("2023-03-15", 10, indicator="总投资", status="plan", subject="甲项目"),
                   invest("2023-09-02", 12, indicator="总投资", status="plan", subject="甲项目")])
    assert not q.build_series(df)["gap"].any()


def test_annual_quarterly_and_year_to_date_are_separate_lines():
    df = prepared([invest("2023", 100), invest("2023-Q1", 20), invest("2023-06", 45), invest("2023-09-30", 70)])
    series = q.build_series(df)
    bases = series.groupby("series")["basis"].first().sort_values().tolist()
    assert bases == ["annual", "quarter", "ytd"]
    ytd = series[(series["basis"] == "ytd") & ~series["gap"]]
    assert list(ytd["period"]) == ["2023-06", "2023-09-30"]  # 截至9月底 joins 1-6月


def test_cumulative_since_start_is_its_own_line():
    df = prepared([invest("2023-06-30", 45), invest("2023-06-30", 300, indicator="累计完成投资")])
    assert set(q.build_series(df)["basis"]) == {"ytd", "cumulative"}


def test_plan_and_actual_are_separate_series():
    df = prepared([invest("2023", 100, indicator="年度计划投资", status="plan"), invest("2023", 80)])
    series = q.build_series(df)
    assert series["series"].nunique() == 2
    assert set(series["status"]) == {"plan", "actual"}


def test_levels_of_one_indicator_are_separate_series():
    def incubators(n, measure):
        return make_fact(period="2023", indicator="孵化器数", topic="innovation", unit="家", unit_std="count",
                         value=Decimal(n), value_text=str(n), value_std=Decimal(n), measure=measure,
                         article_title="孵化器")
    df = prepared([incubators(58, "共有孵化器"), incubators(10, "国家级孵化器"), incubators(18, "省级孵化器")])
    series = q.build_series(df)
    assert series["series"].nunique() == 3
    labels = set(series["series_label"])
    assert len(labels) == 3
    assert sum("国家级" in label for label in labels) == 1 and sum("省级" in label for label in labels) == 1


def test_a_figure_reported_twice_is_one_point_preferring_the_checked_one():
    a = invest("2023-Q1", 10, article_title="第一篇", doc="a.txt")
    b = invest("2023-Q1", 11, article_title="第二篇", doc="b.txt")
    df = prepared([a, b], checked={b.fact_id})
    series = q.build_series(df)
    assert len(series) == 1
    assert series["fact_id"].iloc[0] == b.fact_id
    assert series["sources"].iloc[0] == 2


def test_undated_facts_are_left_out_of_series():
    df = prepared([invest(None, 10), invest("2023", 11)])
    assert len(q.build_series(df)) == 1


def test_series_beyond_the_limit_are_reported():
    df = prepared([invest("2023", i + 1, subject=f"项目{i}") for i in range(5)])
    assert q.build_series(df, max_series=3)["series"].nunique() == 3
    assert len(q.dropped_series(df, max_series=3)) == 2


def test_scale_series_uses_one_unit_per_class():
    df = prepared([invest("2022", 0.5), invest("2023", 12)])
    scaled, units = q.scale_series(q.build_series(df))
    assert units == {"CNY": "亿元"}
    assert list(scaled["y"]) == [0.5, 12.0]


# --- plan against actual ------------------------------------------------------------------


def test_plan_vs_actual_completion_rate():
    df = prepared([
        invest("2023", 200, indicator="年度计划投资", status="plan"),
        invest("2023-06", 90),
        invest("2023-09", 150),
    ])
    pairs = q.plan_vs_actual(df)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert row["actual"] == 150e8  # the latest figure of the year
    assert row["rate"] == pytest.approx(75.0)


def test_plan_vs_actual_needs_the_same_subject_and_year():
    df = prepared([invest("2023", 200, indicator="年度计划投资", status="plan"), invest("2022", 90)])
    assert q.plan_vs_actual(df).empty


# --- filters ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold():
    return prepared(list(gold_facts()) + list(gold_facts(GOLD_DEV, DEV_DOCS)))


def test_gold_facts_prepare_without_gaps_in_columns(gold):
    assert len(gold) > 250
    assert gold["series"].notna().all()
    assert gold["value_label"].str.len().gt(0).all()


def test_filter_by_topic(gold):
    housing = q.filter_facts(gold, q.FilterSpec(topics=("housing",)))
    assert len(housing) > 0
    assert set(housing["topic"]) == {"housing"}


def test_filter_by_text_searches_sentences(gold):
    hits = q.filter_facts(gold, q.FilterSpec(text="孵化器"))
    assert len(hits) > 0
    assert hits["search"].str.contains("孵化器").all()


def test_filter_by_years(gold):
    rows = q.filter_facts(gold, q.FilterSpec(year_from=2022, year_to=2022))
    assert set(rows["year"].dropna()) == {2022}


def test_filter_everything_away_gives_an_empty_frame(gold):
    assert q.filter_facts(gold, q.FilterSpec(text="不存在的字词")).empty


def test_options_most_frequent_first(gold):
    opts = q.options(gold, "indicator")
    assert opts[0] == gold["indicator"].value_counts().index[0]


# --- overview, projects, tables ---------------------------------------------------------------


def test_headline_card_change_from_previous_value_of_the_same_series():
    df = prepared([invest("2023-Q1", 10), invest("2023-Q2", 12), invest("2023", 99)])
    card = next(c for c in q.headline_cards(df) if c.indicator == "完成投资")
    assert card.value_label == "12亿元"
    assert card.period_label == "2023年第二季度"
    assert card.delta_label.startswith("+2亿元")
    assert card.previous_label == "2023年第一季度"


def test_headline_cards_on_gold(gold):
    cards = q.headline_cards(gold)
    assert 0 < len(cards) <= q.CARD_LIMIT
    assert all(c.sentence for c in cards)


def test_is_project():
    assert q.is_project("新奥莱时尚之都项目")
    assert not q.is_project("高新区2022年重点项目")
    assert not q.is_project("高新区")


def test_project_ledger_stages():
    facts = [
        invest("2021-05-11", 50, indicator="总投资", status="plan", subject="甲智能装备项目",
               sentence="甲智能装备项目集中开工，总投资50亿元。", surface="50亿元", article_date="2021-05-11"),
        invest("2022-08-01", 50, indicator="总投资", status="plan", subject="甲智能装备项目",
               sentence="甲智能装备项目已投产，总投资50亿元。", surface="50亿元", article_date="2022-08-01",
               doc="b.txt"),
    ]
    ledger, events = q.project_ledger(prepared(facts))
    assert list(ledger["项目"]) == ["甲智能装备项目"]
    assert ledger["总投资"].iloc[0] == "50亿元"
    assert ledger["最新进展"].iloc[0] == "投产"
    assert set(events["stage"]) == {"开工", "投产"}


def test_project_ledger_on_gold(gold):
    ledger, _events = q.project_ledger(gold)
    assert len(ledger) > 5
    assert not ledger["项目"].str.contains("重点项目").any()


def test_fact_table_is_chinese_and_marks_checked():
    f = invest("2023", 10)
    table = q.fact_table(prepared([f], checked={f.fact_id}))
    assert list(table.columns) == list(q.TABLE_COLUMNS.values())
    assert table["核对"].iloc[0] == "✔ 已核对"


def test_coverage(gold):
    cov = q.coverage(gold)
    assert cov["facts"] == len(gold)
    assert cov["first"] <= cov["last"]


def test_review_order_lowest_confidence_first():
    low, high = invest("2023", 1, confidence=0.2), invest("2024", 2, confidence=0.9)
    assert list(q.review_order(prepared([high, low]))["fact_id"]) == [low.fact_id, high.fact_id]


# --- provenance and highlighted text -------------------------------------------------------


def test_provenance_marks_the_figure_in_its_sentence():
    f = invest("2023", 12.5)
    info = q.provenance(prepared([f]), f.fact_id)
    assert "<mark>12.5亿元</mark>" in info["sentence_html"]
    assert q.provenance(prepared([f]), "nope") is None


def test_highlight_html_escapes_the_text():
    text = "<script>alert(1)</script>投资6亿元"
    at = text.index("6亿元")
    html = q.highlight_html(text, [(at, at + len("6亿元"), "总投资<b>", False)])
    assert "<script>" not in html
    assert '<mark title="总投资&lt;b&gt;">6亿元</mark>' in html


def test_highlight_html_with_article_offset_and_overlaps():
    text = "总投资66亿元，年度计划投资5亿元"
    spans = [(103, 108, "a", True), (104, 106, "b", False), (114, 117, "c", False)]
    html = q.highlight_html(text, spans, offset=100)
    assert html.count("<mark") == 2
    assert 'class="checked"' in html


def test_sentence_html_with_bad_offsets_escapes_only():
    assert q.sentence_html("<b>", 5, 9) == "&lt;b&gt;"


def test_project_ledger_reads_stages_from_every_article_naming_the_project():
    fact = invest("2021-05-11", 50, indicator="总投资", status="plan", subject="乙科技园项目",
                  sentence="乙科技园项目总投资50亿元。", surface="50亿元", article_date="2021-05-11")
    articles = pd.DataFrame(
        {
            "doc": ["t01.txt", "later.txt"],
            "article_index": [0, 0],
            "title": ["高新区招商", "乙科技园项目投产"],
            "date": ["2021-05-11", "2023-02-01"],
            "text": ["乙科技园\n项目正式签约。乙科技园项目总投资50亿元。", "乙科技园项目今天投产。"],
        }
    )
    ledger, events = q.project_ledger(prepared([fact]), articles)
    row = ledger.iloc[0]
    assert row["报道数"] == 2
    assert row["最新进展"] == "投产"
    assert row["进展日期"] == "2023-02-01"
    assert set(events["stage"]) == {"签约", "投产"}
