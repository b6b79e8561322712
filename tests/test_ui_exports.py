"""Downloads parse back: CSV with its BOM, XLSX with a sheet per topic and units in headers."""

import io
from decimal import Decimal

import pandas as pd
import pytest
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path
from ui_factories import facts_frame, gold_facts, make_fact

from ui import exports, queries as q
from ui.charts import trend_figure


@pytest.fixture(scope="module")
def facts():
    return q.prepare_facts(facts_frame(list(gold_facts())))


def test_csv_has_a_bom_and_parses_back(facts):
    data = exports.facts_csv(facts)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == len(facts)
    assert list(back.columns) == list(exports.EXPORT_COLUMNS.values())
    assert set(back["编号"]) == set(facts["fact_id"])


def test_xlsx_has_a_sheet_per_topic_with_units_in_headers(facts):
    sheets = pd.read_excel(io.BytesIO(exports.facts_xlsx(facts, "全部")), sheet_name=None)
    assert list(sheets)[0] == "说明"
    assert set(sheets) - {"说明"} == set(facts["topic_label"])
    assert sum(len(s) for name, s in sheets.items() if name != "说明") == len(facts)
    investment = sheets["投资"]
    assert "金额（亿元）" in investment.columns
    row = investment[investment["原文数值"] == 66].iloc[0]
    assert row["金额（亿元）"] == pytest.approx(66)


def test_xlsx_of_nothing_is_still_a_workbook():
    empty = q.prepare_facts(pd.DataFrame())
    sheets = pd.read_excel(io.BytesIO(exports.facts_xlsx(empty)), sheet_name=None)
    assert "说明" in sheets


def test_series_csv_keeps_gaps_empty():
    facts = [make_fact(period=p, value=Decimal(v), value_std=Decimal(v) * Decimal(100000000), article_title=p)
             for p, v in (("2021", 1), ("2023", 3))]
    series = q.build_series(q.prepare_facts(facts_frame(facts)))
    _scaled, units = q.scale_series(series)
    back = pd.read_csv(io.BytesIO(exports.series_csv(series, units)), encoding="utf-8-sig")
    assert list(back["数值"].isna()) == [False, True, False]
    assert set(back["单位"]) == {"亿元"}


@pytest.mark.skipif(not exports.image_export_available(), reason="no Chromium for kaleido (CI installs chromium)")
def test_server_side_png_and_svg():
    facts = [make_fact(period="2023")]
    fig = trend_figure(q.build_series(q.prepare_facts(facts_frame(facts))), title="完成投资")
    assert exports.figure_image(fig, "png").startswith(b"\x89PNG")
    assert b"<svg" in exports.figure_image(fig, "svg")[:500]


def test_browser_path_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert exports.browser_path() is None
    assert not exports.image_export_available()
