"""Exact facts for short sentences, one construction per case.

Where new cases go: a form of OCR damage -> CASES_OCR; a qualifier word -> CASES_QUALIFIERS;
something that must NOT become a fact -> CASES_NON_FACTS; a time expression or year
inference -> CASES_PERIODS; plan/actual or topic -> CASES_STATUS_TOPIC; rankings ->
CASES_RANKS; a bug found on real text -> CASES_BUGS_CAUGHT (say where it was found).
Most sentences are written for these tests, not copied from the seeds.

Each expected fact lists only the fields the case is about; facts are compared in order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from extract.pipeline import extract_document

DATE = "2024-05-20"


def facts_of(text: str, published: str | None = DATE) -> list[dict[str, Any]]:
    """Facts of a one-item document; a publication line gives the year when wanted."""
    doc = f"发布日期:{published}\n{text}" if published else text
    return [f.to_row() for f in extract_document(doc, "case.txt")]


def check(text: str, expected: list[dict[str, Any]], published: str | None = DATE) -> None:
    got = facts_of(text, published)
    got_view = [{k: row[k] for k in exp} for row, exp in zip(got, expected)]
    assert len(got) == len(expected), f"facts: {[(r['value'], r['unit'], r['quote']) for r in got]}"
    assert got_view == expected


def fact(value: Any, unit: str, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "unit": unit}
    out.update(fields)
    return out


def case(text: str, expected: list[dict[str, Any]], *, id: str, published: str | None = DATE) -> Any:
    return pytest.param(text, expected, published, id=id)


CASES_OCR = [
    case("21个项目总投资186.\n5亿元\n\n本报讯 11月16日，现场集中签约项目21个，总投资186.5亿元。",
                 [fact(21, "个"), fact(186.5, "亿元")], published=None, id="a-headlines-line-break-after-a-decimal-point"),
    case("高新区共有 6 个重点项目集中开工，总投资 96.6\n亿元。",
                 [fact(6, "个", unit_std="count", status="actual"), fact(96.6, "亿元", value_std=9660000000, status="plan")],
                 id="spaces-and-break-inside-number-unit"),
    case("全区完成固定资产投资１５９．３亿元，增速１２．６％。",
                 [fact(159.3, "亿元", topic="investment"), fact(12.6, "%", unit_std="percent")],
                 id="full-width-digits"),
    case("集团运营的园区面积约300万平\n方米。",
                 [fact(300, "万平方米", value_std=3000000, unit_std="m2", qualifier="approx", topic="parks")],
                 id="unit-broken-across-lines"),
    case("年 度 棚 改 项 目 12 个 3022 套 已 全 部 开 工 。",
                 [fact(12, "个", topic="housing"), fact(3022, "套", topic="housing", status="actual")],
                 id="every-character-spaced"),
    case("专项借款项目7个5564套，已经交付3268套。",
                 [fact(7, "个"), fact(5564, "套"), fact(3268, "套", status="actual")],
                 id="two-numbers-glued"),
]

CASES_QUALIFIERS = [
    case("累计服务入驻企业超5000家。", [fact(5000, "家", qualifier="at_least", topic="enterprises")], id="chao"),
    case("集团自持运营产业园区20余个。", [fact(20, "个", qualifier="at_least", topic="parks")], id="yu-inside"),
    case("全省在孵企业近2万家。", [fact(2, "万家", value_std=20000, qualifier="approx", topic="innovation")], id="jin"),
    case("创业孵化基地吸纳带动就业5.7万多人。", [fact(5.7, "万人", value_std=57000, qualifier="at_least")], id="duo-after-wan"),
    case("项目建成后年产值可达200亿元以上。", [fact(200, "亿元", qualifier="at_least", status="plan")], id="yishang"),
    case("该项目总投资不到5000万元。", [fact(5000, "万元", value_std=50000000, qualifier="at_most")], id="budao"),
    case("基金税收贡献逾1.1亿元。", [fact(1.1, "亿元", qualifier="at_least", topic="finance")], id="yu-before"),
    case("预计实现营业收入3-5亿元。",
         [fact(3, "亿元", value_std=300000000, qualifier="at_least", value_text="3-5"),
          fact(5, "亿元", value_std=500000000, qualifier="at_most", value_text="5", indicator="收入", status="plan")],
         id="range-is-its-two-bounds"),
    case("项目投资3亿至5亿元，带动就业100—200人，力争新增上市企业1至2家。",
         [fact(3, "亿元", qualifier="at_least"), fact(5, "亿元", qualifier="at_most"), fact(100, "人", qualifier="at_least"),
          fact(200, "人", qualifier="at_most"), fact(1, "家", qualifier="at_least", status="plan"),
          fact(2, "家", qualifier="at_most", status="plan", indicator="上市企业数")], id="range-with-words"),
    case("新项目总投资66亿元左右。", [fact(66, "亿元", qualifier="approx", status="plan")], id="zuoyou"),
]

CASES_NON_FACTS = [
    case("本轮巡察派出4个巡察组，对区住房城乡建设局等12个区直部门党组织和2个街道党工委开展常规巡察；孵化载体中建立党支部12个。", [],
                 id="departments-and-party-committees"),
    case("对进入辅导期的企业给予100万元补助，今年已兑现奖补资金1450万元。", [fact(1450, "万元")], id="a-policys-grant-per-recipient"),
    case("个人投资者达3万，部分3家企业获奖，消费券分三批发放，项目分两期建设。", [fact(3, "家")],
                 id="investors-are-not-money; bufen-is-not-a-phase; fen-san-pi-is"),
    case("全区完成投资12亿元 | 同比增长5%。", [fact(12, "亿元"), fact(5, "%")], id="a-bar-in-prose-is-no-table-cell"),
    case("此次分房共有386户参与选房，涉及90平方米、110平方米、130平方米三种户型。", [fact(386, "户")],
                 id="apartment-sizes-named-after-the-figures"),
    case("干品每斤卖到45元左右；对企业上市分阶段给予最高600万元奖励，今年已兑现上市奖励资金1450万元。",
                 [fact(1450, "万元")], id="per-unit-prices-and-caps"),
    case("规上工业企业（年主营业务收入2000万元及以上）实现产值1865.4亿元，参评范围为用地3亩以上或年营业收入500万元以上的企业。",
                 [fact(1865.4, "亿元")], id="bounds-defining-categories-in-brackets-or-joined-by-huo"),
    case("开通企业服务热线，全年受理诉求3120件，办结率99.6%。", [], id="rate-of-public-service"),
    case("消费券分三批发放，面额20元至200元，发放消费券12万张。",
                 [fact(12, "万张", indicator="消费券数", topic="finance")], id="phases-and-face-values"),
    case("引进汽车零部件产业园项目，投资5亿元。", [fact(5, "亿元")], id="ling-in-a-word-is-not-zero"),
    case("全区共有各类学校46所，医疗卫生机构128个；引进银行、保险等金融机构12家。",
                 [fact(12, "家", indicator="金融机构数", topic="finance")],
                 id="public-service-institutions-are-not-counted-financial-ones-are"),
    case("从投资规模看，10亿元以上项目6个，5亿元至10亿元项目8个。",
                 [fact(6, "个"), fact(8, "个")], id="range-before-a-category-is-a-threshold"),
    case("其中，单个载体面积在1万至5万平方米之间的有12家。", [fact(12, "家")], id="bracket-with-zhijian"),
    case("此次签约项目单个项目投资额均在5000万元以上，所有村集体经济收入均超过10万元。", [],
                 id="bounds-on-each-item-are-not-totals"),
    case("普惠小微贷款（单户授信1000万元以下）余额1143.5亿元。", [fact(1143.5, "亿元")], id="per-borrower-bound"),
    case("按照孵化器认定须可自主支配场地面积不低于3000平方米的标准，引导载体提质。", [], id="bound-of-a-standard"),
    case("举办农村党员冬训培训班八十六期，培训党员一万二千余人次。", [], id="party-member-training"),
    case("省科技厅专家组一行5人来我区调研。", [], id="delegation-size"),
    case("全区开展志愿服务活动300余场次，参与志愿者5000余人次，举办招商活动12场。",
                 [fact(12, "场", unit_std="count")],
                 id="volunteer-activities-are-not-economic"),
    case("组织党员干部参观警示教育基地12批次2600余人次，开展廉政谈话860人次，全区新增企业320家。",
                 [fact(320, "家", indicator="企业数")],
                 id="counts-of-discipline-work"),
    case("其中，投资超50亿元的项目1个，投资超10亿元的重大项目6个。",
                 [fact(1, "个", indicator="项目数"), fact(6, "个", indicator="项目数")],
                 id="threshold-written-before-the-figure"),
    case("总投资超50亿元的中原智谷产业园项目开工。",
                 [fact(50, "亿元", qualifier="at_least", subject="中原智谷产业园项目")],
                 id="bound-on-a-named-project-is-a-fact"),
    case("本轮巡察派3个巡察组，对所辖21个村党组织开展巡察。", [], id="political-counts"),
    case("其中，10亿元以上的项目共有3个。", [fact(3, "个", topic="investment")], id="threshold-of-category"),
    case("在科技部对169家国家高新区评价中，高新区排名第5位。", [fact(5, "位", unit_std="rank")], id="ranking-pool"),
    case("紧扣“2+4+3”现代产业体系，用好“4+2”工作法。", [], id="numbers-in-slogans"),
    case("召开第四轮巡察动员会和十二届党工委第二次会议。", [], id="ordinals"),
    case("计划3年内分两期建设，为期三天的观摩活动圆满结束。", [], id="durations-and-phases"),
    case("三个“百分百”提前完成。", [], id="count-of-slogan"),
    case("居前5位的行业合计占比84.73%。", [fact(84.73, "%")], id="top-n-threshold"),
    case("该项目设置非机动车位1619个，分4个户型。", [], id="parking-and-apartment-types"),
    case("郑州将再添一个商业新地标。", [], id="indefinite-article"),
    case("这是我国第一家科技企业孵化器。", [], id="ordinal-first"),
    case("坚持“三个一批”，压实“两个责任”，明确4个要求。", [], id="quoted-names-and-demands"),
    case("开展对标5个方面的工作，涵盖八大领域。", [], id="aspects-and-fields"),
    case("开展安全生产大检查126次，群众满意度达98.5%，网格覆盖率100%。", [], id="inspections-and-satisfaction"),
    case("20余家企业代表参加座谈，中心累计为企业解决各类问题236个。", [], id="attending-firms-and-problems-solved"),
    case("区委常委等20余人参加会议，联系电话0371-12345678，设置床位800张。", [], id="attendance-phone-beds"),
]

CASES_PERIODS = [
    case("本报讯 9月2日，高新区2022年第三季度重点项目集中签约仪式举行，7个项目现场签约，总投资48.3亿元。",
                 [fact(7, "个", period="2022-09-02"), fact(48.3, "亿元", period="2022-09-02")],
                 published=None, id="a-time-naming-an-event-is-not-the-figures-period"),
    case("一季度计划新开工项目28个，截至目前已开工19个，开工率67.9%。", [fact(28, "个"), fact(19, "个", indicator="项目数"), fact(67.9, "%")],
                 id="a-continued-count-after-a-time"),
    case("剩余500套计划于6月底前建成交付，其余于年底之前交付。", [fact(500, "套", period="2024-06-30")],
                 id="a-deadline-before-qian-jiancheng-keeps-its-period"),
    case("过去一年，全县经济运行持续回升向好。新增高新技术企业163家，年末总数达到768家。",
                 [fact(163, "家", period="2023"), fact(768, "家", period="2023-12-31")],
                 published="2024-01-19", id="guoqu-yinian-is-last-year-and-its-year-end"),
    case("今年，全区计划改造2000年以前建成的老旧小区123个。", [fact(123, "个", period="2024")],
                 id="a-year-bounding-a-noun-is-not-a-time"),
    case("2021年，全区计划实施棚改项目11个。截至6月底，已开工2853套。其中，城中村改造项目5个已全部开工。",
                 [fact(11, "个", period="2021"), fact(2853, "套", period="2021-06-30"), fact(5, "个", period="2021-06-30")],
                 published="2021-06-28", id="a-breakdown-holds-when-its-total-does-even-in-a-framed-paragraph"),
    case("点击蓝字 关注我们\n\n亮眼！高新区2024年“成绩单”出炉\n\n2024年，面对复杂严峻的外部环境，高新区坚持创新立区，全区经济运行稳中有进。一起来看——\n\n"
         "1. 全年实现地区生产总值486.3亿元。\n\n2. 一般公共预算收入完成31.6亿元。",
                 [fact(486.3, "亿元", period="2024", article_title="亮眼!高新区2024年“成绩单”出炉"), fact(31.6, "亿元", period="2024")],
                 published="2025-01-10", id="the-lead-after-page-chrome-frames-a-numbered-review"),
    case("国庆假期10月1日至7日，全区共接待游客286.4万人次，实现旅游综合收入21.7亿元。",
                 [fact(286.4, "万人次", period="2024-10-07"), fact(21.7, "亿元", period="2024-10-07")],
                 published="2024-10-09", id="a-span-of-days-holds-at-its-last-day"),
    case("本报讯 3月26日，北滘镇举行今年第一批产业项目集中动工仪式，3个项目同时动工，总投资逾40亿元。",
                 [fact(3, "个", period="2024-03-26"), fact(40, "亿元", period="2024-03-26")],
                 id="a-year-before-an-ordinal-batch-names-the-batch"),
    case("2023年，新区深入实施创新驱动发展战略。\n\n全社会研发经费投入达到28.6亿元。\n\n截至目前，拥有创新平台216个。",
                 [fact(28.6, "亿元", period="2023"), fact(216, "个", period=DATE)],
                 id="the-leads-frame-covers-later-paragraphs-without-their-own-time"),
    case("截至2021年底，孵化基金总额达6.8亿元；2021年，共有86家在孵企业获得投融资。全年孵化载体总收入2.36亿元。",
                 [fact(6.8, "亿元", period="2021-12-31"), fact(86, "家", period="2021"), fact(2.36, "亿元", period="2021")],
                 id="quannian-after-a-named-year-is-that-year"),
    case("全年新增境内外上市公司3家。全年计划新增上市公司5家。",
                 [fact(3, "家", period="2023", status="actual"), fact(5, "家", period="2024", status="plan")],
                 published="2024-01-20", id="whole-year-done-in-january-is-last-year"),
    case("截至2023年末，全市各项存款余额2860.5亿元，各项贷款余额2150.3亿元，全年发放普惠小微贷款386亿元。",
                 [fact(2860.5, "亿元", indicator="存款余额", topic="finance"),
                  fact(2150.3, "亿元", indicator="贷款余额", topic="finance"),
                  fact(386, "亿元", indicator="贷款发放额", topic="finance")],
                 published="2024-01-20", id="bank-deposits-and-loans"),
    case("本报讯 3月1日，本次集中开工项目86个，总投资额412亿元，年内计划完成投资126亿元。其中，新建项目52个；产业类项目总投资298亿元，占比72.3%。",
                 [fact(86, "个", period="2024-03-01"), fact(412, "亿元", period="2024-03-01"),
                  fact(126, "亿元", indicator="年度计划投资", status="plan", period="2024"),
                  fact(52, "个", period="2024-03-01"), fact(298, "亿元", period="2024-03-01"),
                  fact(72.3, "%", period="2024-03-01")],
                 id="breakdown-follows-the-figure-it-breaks-down"),
    case("4月份新开工安置房项目3个。一周一调度、一月一通报，剩余600套计划于6月底前全部交付。",
                 [fact(3, "个", period="2024-04"), fact(600, "套", period="2024-06-30", status="plan")],
                 id="month-alone-and-month-end-without-jiezhi"),
    case("据介绍，2022年，全区谋划重点项目314个。项目开工顺利，截至目前完成投资151亿元。累计开工项目23个。",
                 [fact(314, "个", period="2022"), fact(151, "亿元", period=DATE), fact(23, "个", period=DATE)],
                 id="as-of-now-ends-the-year-frame"),
    case("截至2022年底，孵化器的收入为29304.6万元。", [fact(29304.6, "万元", period="2022-12-31", topic="innovation")], id="until-year-end"),
    case("截至6月底，全区完成投资159.3亿元。", [fact(159.3, "亿元", period="2024-06-30", status="actual")], id="until-month-end"),
    case("2023年度，众创空间总收入19046万元。", [fact(19046, "万元", period="2023", topic="innovation")], id="year-frame"),
    case("1—8月，全区新签约项目32个。", [fact(32, "个", period="2024-08")], id="month-range"),
    case("上半年，全市新设小微企业3919家。", [fact(3919, "家", period="2024-06", topic="enterprises")], id="half-year"),
    case("一季度，全市工业投资增长18.4%。", [fact(18.4, "%", period="2024-Q1", topic="investment")], id="quarter"),
    case("前三季度，出资企业完成投资90.5亿元。", [fact(90.5, "亿元", period="2024-09")], id="first-three-quarters"),
    case("截至目前，累计完成投资62亿元。", [fact(62, "亿元", period=DATE, status="actual")], id="until-now"),
    case("年底前必须达到90%交付率。", [fact(90, "%", period="2024-12-31", status="plan", topic="housing")], id="before-year-end"),
    case("全县今年共实施重点项目31个，总投资530亿元，年度投资170亿元。",
                 [fact(31, "个", period="2024"), fact(530, "亿元", period="2024"), fact(170, "亿元", period="2024", status="plan")],
                 id="this-year-scopes-the-sentence"),
    case("在2021年评价中，合肥高新区排名第8位，较2020年上升2位。",
                 [fact(8, "位", period="2021"), fact(2, "位", period="2021", indicator="排名变化")],
                 id="comparison-year-is-not-the-period"),
    case("今年1-6月，我市新设小微企业3919家。从地域分布看，观海卫新设小微企业544家。",
                 [fact(3919, "家", period="2024-06"), fact(544, "家", period="2024-06")],
                 id="frame-carries-to-next-sentence"),
    case("截至2022年底，孵化器内企业总数为1968家。其中，在孵企业为1531家。",
                 [fact(1968, "家", period="2022-12-31"), fact(1531, "家", period="2022-12-31")],
                 id="qizhong-breaks-down-previous-sentence"),
    case("该项目2017年3月开工，年度计划投资6亿元，已完成投资5.7亿元。",
                 [fact(6, "亿元", period="2017"), fact(5.7, "亿元", period="2017-09-15", status="actual")],
                 id="event-date-holds-only-in-its-clause", published="2017-09-15"),
    case("完成投资90.5亿元，比上年同期增长16%。", [fact(90.5, "亿元", period=DATE), fact(16, "%", period=DATE)], id="same-period-last-year"),
    case("郑州高新区始建于1988年。郑州高新区拥有市场主体超过10万家。",
                 [fact(10, "万家", period=DATE, qualifier="at_least")], id="founding-year-is-not-a-frame"),
]

CASES_YEAR_INFERENCE = [
    case("2025年4月18日 星期五   第2版  要闻   责任编辑 黄 琳\n\n本报讯 4月15日，经开区新增上市公司1家。\n\n"
         "本报讯 4月16日，经开区已建成运营特色产业园区8个。\n\n本报讯 近日，经开区入驻企业420余家。",
                 [fact(1, "家", article_date="2025-04-15"), fact(8, "个", article_date="2025-04-16"),
                  fact(420, "家", article_date="2025-04")],
                 published=None, id="a-page-header-naming-its-editor-dates-the-issue-not-the-items"),
    case("安康日报　2023年5月9\n日　星期二　第3版　综合　责任\n编辑：张 伟\n\n"
         "园区标准厂房交付\n本报讯（记者 陈 晨）5月6日，园区交付标准厂房3.2万平方米。\n\n"
         "我区新增市场主体\n本报讯（通讯员 何 平）今年以来，全区新增市场主体1260户。\n\n"
         "产业基金完成募集\n近日，记者从区金融办获悉，区产业基金规模达到10亿元。\n\n"
         "招商推介会举行\n5月7日，我区在深圳举行招商推介会，签约项目6个。",
                 [fact(3.2, "万平方米", article_date="2023-05-06"), fact(1260, "户", article_date="2023-05"),
                  fact(10, "亿元", article_date="2023-05", article_title="产业基金完成募集"),
                  fact(6, "个", article_date="2023-05-07", article_title="招商推介会举行")],
                 published=None, id="a-page-header-broken-across-lines; briefs-opened-by-their-date-under-a-headline"),
    case("本报讯 4月10日，2024年，一季度全区完成固定资产投资30亿元。",
                 [fact(30, "亿元", article_date="2024-04-10", period="2024-Q1")],
                 published=None, id="a-part-of-the-year-reported-done-is-not-the-whole-year"),
    case("浏阳日报　2023年11月20日　星期一　第03版\n\n◆11月14日，交易中心正式开业，首批入驻经营户86家。（通讯员 李思远）\n\n"
         "◆11月15日，永安镇共引进项目23个。（通讯员 周敏）\n\n首批人才公寓交付\n\n11月8日讯 今天上午，首批人才公寓420套集中交付。",
                 [fact(86, "家", article_date="2023-11-14"), fact(23, "个", article_date="2023-11-15"),
                  fact(420, "套", article_date="2023-11-08", article_title="首批人才公寓交付")],
                 published=None, id="news-in-brief-bullets-and-dated-openings-date-their-items-not-the-page-header"),
    case("本报讯 6月28日，全区完成投资12.5亿元（长政发〔2021〕18号）。\n记者 马晓燕\n\n本报讯（记者 李娜）今年，全区计划改造老旧小区123个。",
                 [fact(12.5, "亿元", article_date="2021-06-28"), fact(123, "个", article_date="2021-06")],
                 published=None, id="an-undated-opening-takes-the-pages-month (year from a document number)"),
    case("本报讯 12月15日，1—11月，全县实现工业总产值1865.4亿元。预计2023年全年规上工业总产值将突破2000亿元。",
                 [fact(1865.4, "亿元", article_date="2023-12-15", period="2023-11"), fact(2000, "亿元", status="plan")],
                 published=None, id="a-forecast-of-the-whole-year-is-the-running-year"),
    case("本报讯 12月26日，开发区召开2023年度工作总结暨2024年工作部署会议。1—11月，全区完成固定资产投资186.4亿元。"
         "2024年，开发区将力争新签约项目55个以上。",
                 [fact(186.4, "亿元", article_date="2023-12-26", period="2023-11"),
                  fact(55, "个", article_date="2023-12-26", period="2024", status="plan")],
                 published=None, id="late-year-review-planning-next-year-is-dated-in-the-review-year"),
    case("本报讯 3月26日，北滘镇举行产业项目集中动工仪式。2024年，北滘镇完成固定资产投资186.4亿元。",
                 [fact(186.4, "亿元", article_date="2025-03-26", period="2024")],
                 published=None, id="whole-year-reported-done-in-spring-means-next-year"),
    case("本报讯 10月8日，2024年，全区完成固定资产投资86.4亿元。",
                 [fact(86.4, "亿元", article_date="2024-10-08", period="2024")],
                 published=None, id="year-to-date-total-late-in-the-year-stays-that-year"),
    case("本报讯 3月28日，我区2025年一季度重点项目集中开工，总投资152.6亿元。其中一个项目计划于2026年底竣工。",
                 [fact(152.6, "亿元", article_date="2025-03-28")],
                 published=None, id="planned-completion-year-is-not-the-page-year"),
    case("本报讯 1月10日，记者从市科技局获悉，截至2024年底，全市共有科技企业孵化器86家。",
                 [fact(86, "家", article_date="2025-01-10", period="2024-12-31")],
                 published=None, id="year-end-reported-as-past-means-next-year"),
    case("本报讯 5月6日，2024年全区签约项目36个。项目力争在2025年建成投产。",
                 [fact(36, "个", article_date="2024-05-06", period="2024")],
                 published=None, id="target-year-after-lizheng-zai"),
    case("本报讯 3月21日，新天产业园项目于2022年9月份开工，已完成建设16万平方米。",
                 [fact(16, "万平方米", article_date="2023-03-21", period="2023-03-21", status="actual")],
                 published=None, id="past-event-later-in-year-means-next-year"),
    case("本报讯 3月19日，会议总结回顾2024年工作，安排部署2025年任务。高新区拥有企业7.5万家。",
                 [fact(7.5, "万家", article_date="2025-03-19")], published=None, id="latest-year-mentioned"),
    case("本报讯 1月15日，会议回顾2023年工作，全区完成投资213.4亿元。",
         [fact(213.4, "亿元", article_date="2024-01-15")], published=None, id="year-looked-back-on-is-over"),
    case("今年是“十三五”开局之年。前三季度，出资企业完成投资90.5亿元。",
                 [fact(90.5, "亿元", article_date="2016", period="2016-09")], published=None, id="five-year-plan-statement"),
    case("本报讯 10月7日，2023年安置房攻坚大会召开。\n记者 张三\n\n本报讯 近日，高新区新增4家省级众创空间。\n记者 李四",
                 [fact(4, "家", article_date="2023-10", topic="innovation")], published=None, id="jinri-takes-page-month"),
    case("新华社郑州6月5日电 记者从省发改委获悉，2024年1-5月，全省新开工项目1200个。",
         [fact(1200, "个", period="2024-05", article_date="2024-06-05")], published=None, id="xinhua-dateline-dian"),
    case("10 月\n23日讯 年度棚改项目12个已全部开工。", [fact(12, "个", article_date=None, period=None)], published=None, id="no-year-means-no-date"),
]

CASES_STATUS_TOPIC = [
    case("某县2023年国民经济和社会发展统计公报\n\n全年固定资产投资比上年增长6.5%。年末全县规模以上工业企业215家。"
         "高新技术企业实现营业收入86.2亿元。",
                 [fact(6.5, "%", period="2023"), fact(215, "家", period="2023-12-31"), fact(86.2, "亿元", period="2023")],
                 published="2024-03-20", id="a-title-naming-the-year-before-frames-a-review-of-it"),
    case("今年全区计划改造老旧小区38个。截至目前，38个小区已全部开工，完工21个。",
                 [fact(38, "个", status="plan"), fact(38, "个", status="actual"), fact(21, "个", status="actual")],
                 id="a-target-and-the-same-number-done-are-two-facts"),
    case("全年完成投资31.2亿元，占年度计划投资28.4亿元的109.9%。",
                 [fact(31.2, "亿元", status="actual"), fact(28.4, "亿元", status="plan"), fact(109.9, "%", status="actual")],
                 id="a-share-of-a-named-plan-is-actual"),
    case("一、2023年工作回顾\n\n全年实施省市重点项目218个，完成投资486亿元。\n\n二、2024年主要预期目标和重点工作\n\n"
         "全年实施省市重点项目230个以上，新开工改造老旧小区38个。\n\n三、一季度完成投资120亿元\n\n全区上下齐心协力。",
                 [fact(218, "个", status="actual", period="2023"), fact(486, "亿元", status="actual", period="2023"),
                  fact(230, "个", status="plan", period="2024"), fact(38, "个", status="plan", period="2024"),
                  fact(120, "亿元", period="2024-Q1")],
                 published="2024-01-19", id="a-plan-sections-heading-makes-its-figures-planned-and-names-their-year"),
    case("力争年底前棚改开工率达到100%，截至5月底完成投资占年度计划的44.8%。新签约项目38个、计划总投资216.5亿元，实际到账内资47.3亿元，新建成标准厂房68万平方米。",
                 [fact(100, "%", status="plan"), fact(44.8, "%", status="actual"), fact(38, "个"), fact(216.5, "亿元", status="plan"),
                  fact(47.3, "亿元", status="actual"), fact(68, "万平方米", status="actual")],
                 id="intent-makes-a-rate-a-target; 实际 and 新建成 are done"),
    case("一般公共预算收入86.2亿元，增长9.1%；规上工业增加值增长10.3%。改造老旧小区123个，涉及楼栋684栋、居民2.16万户。",
                 [fact(86.2, "亿元", topic="finance"), fact(9.1, "%", topic="finance"), fact(10.3, "%", topic="enterprises"),
                  fact(123, "个", topic="housing"), fact(684, "栋", topic="housing"), fact(2.16, "万户", topic="housing")],
                 id="a-rate-naming-its-indicator-beats-the-previous-figures-topic; old-housing-renovation-is-housing"),
    case("一季度，全县新增经营主体1.26万户，规上工业增加值同比增长9.4%，社会消费品零售总额68.4亿元。",
                 [fact(1.26, "万户", indicator="市场主体数", topic="enterprises"), fact(9.4, "%", topic="enterprises"),
                  fact(68.4, "亿元", topic="enterprises")],
                 id="business-entities-value-added-and-retail-are-enterprises"),
    case("截至2021年底，全区孵化载体孵化基金总额达6.8亿元。", [fact(6.8, "亿元", topic="innovation")],
                 id="an-incubators-fund-is-innovation"),
    case("规上工业企业亩均税收达到38.5万元，全社会研发经费投入强度达到6.8%。",
                 [fact(38.5, "万元", topic="finance"), fact(6.8, "%", indicator="研发投入强度", topic="innovation")],
                 id="a-rate-naming-its-indicator-takes-its-topic-not-the-previous-figures"),
    case("全县累计建成高标准农田186.3万亩，力争到2025年累计建成高标准农田200万亩。",
                 [fact(186.3, "万亩", status="actual"), fact(200, "万亩", status="plan")],
                 id="deadline-between-plan-word-and-done-word"),
    case("目前，集团运营园区十二个，占地面积约1260亩，总建筑面积86.4万平方米，其中标准厂房62.7万平方米。园区5个，建成安置房面积20万平方米。",
                 [fact(12, "个", topic="parks"), fact(1260, "亩", topic="parks", status="actual"),
                  fact(86.4, "万平方米", topic="parks", status="actual"), fact(62.7, "万平方米", topic="parks"),
                  fact(5, "个", topic="parks"), fact(20, "万平方米", topic="housing")],
                 id="areas-after-a-count-of-operated-parks-are-the-parks-and-exist"),
    case("今年已交付首批420套，剩余560套计划于9月底前交付。",
                 [fact(420, "套", status="actual"), fact(560, "套", status="plan")],
                 id="plan-word-right-after-the-figure-beats-a-cue-before-it"),
    case("2025年，开发区将力争完成固定资产投资200亿元以上，增长8%；新签约亿元以上项目55个以上，其中10亿元以上项目不少于10个。",
                 [fact(200, "亿元", status="plan"), fact(8, "%", status="plan"),
                  fact(55, "个", status="plan", qualifier="at_least"), fact(10, "个", status="plan", qualifier="at_least")],
                 id="plan-words-of-the-sentence-head-reach-its-later-parts"),
    case("同时，剩余8宗安置地块需加快建设；高新区列入保交楼项目共15个。",
                 [fact(8, "宗"), fact(15, "个", status="actual")],
                 id="a-plan-word-after-the-first-figure-stays-in-its-part"),
    case("1—11月，全区完成固定资产投资186.4亿元，其中工业投资121.7亿元，民间投资增长5%。",
                 [fact(186.4, "亿元", status="actual"), fact(121.7, "亿元", indicator="完成投资", status="actual"),
                  fact(5, "%")],
                 id="kinds-of-fixed-asset-investment-are-done-investment"),
    case("全区累计建成保障性租赁住房3200套，发放住房租赁补贴1260万元，惠及家庭2100户。孵化器获得财政资助1500万元。",
                 [fact(3200, "套", topic="housing"), fact(1260, "万元", topic="finance"), fact(2100, "户", topic="housing"),
                  fact(1500, "万元", topic="innovation")],
                 id="subsidies-are-innovation-only-for-incubators"),
    case("高新区规划面积99平方公里，建成区面积56平方公里，全年土地出让收入58亿元。",
                 [fact(99, "平方公里", status="plan"), fact(56, "平方公里", status="actual"),
                  fact(58, "亿元", indicator="土地出让收入", topic="finance", status="actual")],
                 id="built-up-area-and-land-sales"),
    case("全区国家级、省级、市级众创空间分别达到12家、20家和35家。",
                 [fact(12, "家", measure="国家级众创空间"), fact(20, "家", measure="省级众创空间"),
                  fact(35, "家", measure="市级众创空间")],
                 id="levels-listed-before-fenbie-go-in-order"),
    case("全县培育家庭农场326家、农民专业合作社458家。村集体经济收入超过50万元的村达到86个。",
                 [fact(326, "家", indicator="市场主体数", topic="enterprises"),
                  fact(458, "家", indicator="市场主体数", topic="enterprises")],
                 id="family-farms-and-cooperatives-are-market-entities"),
    case("在孵企业研发总投入12.8亿元，孵化场地面积达到86.5万平方米。",
                 [fact(12.8, "亿元", indicator="研发投入", status="actual", topic="innovation"),
                  fact(86.5, "万平方米", indicator="使用面积", topic="innovation")],
                 id="incubator-rd-spend-is-not-total-investment"),
    case("今年以来累计开展外出招商活动38批次，签约项目98个，合同金额652.8亿元，实际到位资金213亿元。",
                 [fact(38, "批次", unit_std="count"), fact(98, "个", indicator="项目数"),
                  fact(652.8, "亿元", indicator="签约额", status="plan"), fact(213, "亿元", indicator="到位资金", status="actual")],
                 id="investment-promotion-contract-and-funds-in-place"),
    case("集团运营管理园区12个，总面积约320万平方米。集团发起设立产业基金8支，上缴税费2.1亿元，发行公司债券10亿元。",
                 [fact(12, "个", topic="parks"), fact(320, "万平方米", topic="parks"),
                  fact(8, "支", indicator="基金数", topic="finance"), fact(2.1, "亿元", indicator="税收", topic="finance"),
                  fact(10, "亿元", topic="finance")],
                 id="operator-parks-funds-taxes-bonds"),
    case("全区组建志愿服务队3支，新增企业50家。", [fact(50, "家")], id="teams-in-zhi-are-not-economic"),
    case("全区重点项目完成投资128.6亿元，占年度计划的58.3%，高于序时进度8.3个百分点。",
                 [fact(128.6, "亿元", status="actual"), fact(58.3, "%", status="actual"),
                  fact(8.3, "个百分点", status="actual")],
                 id="share-of-the-annual-plan-is-actual"),
    case("截至10月底，已交付房屋1.2万套；剩余6600套计划于年底前全部交付。",
                 [fact(1.2, "万套", status="actual"), fact(6600, "套", status="plan", quote="6600套")],
                 id="plan-word-right-after-the-figure"),
    case("全区还争取专项借款资金12.3亿元，发放贷款5.6亿元。",
                 [fact(12.3, "亿元", status="actual"), fact(5.6, "亿元", status="actual")],
                 id="funding-won-is-not-planned"),
    case("全区争取到2025年底建成安置房3000套。",
                 [fact(3000, "套", status="plan")],
                 id="zhengqu-dao-a-year-stays-a-target"),
    case("新奥莱时尚之都项目首期投资约30亿元。", [fact(30, "亿元", status="plan", topic="investment", qualifier="approx")], id="first-phase-investment"),
    case("高新区2023年度需新增建成安置房124万平方米。", [fact(124, "万平方米", status="plan", topic="housing", period="2023")], id="housing-target"),
    case("浦南未来社区安置房项目总投资10.6亿元。", [fact(10.6, "亿元", status="plan", topic="investment")], id="housing-money-stays-investment"),
    case("基金注册资本合计91.87亿元，实收资本34.98亿元。",
                 [fact(91.87, "亿元", topic="finance", status="actual"), fact(34.98, "亿元", topic="finance")], id="capital"),
    case("预计相关投资退出税收贡献超1.1亿元。", [fact(1.1, "亿元", topic="finance", status="plan", qualifier="at_least")], id="expected-tax"),
    case("项目总投资额为4.5亿元，建成后预计亩均年产值1.3万元，直接带动就业400多人。",
                 [fact(4.5, "亿元", status="plan"), fact(1.3, "万元", status="plan"), fact(400, "人", status="plan", qualifier="at_least")],
                 id="after-completion-expected"),
    case("保交楼项目已经交付3268套，任务完成率为58.73%。",
                 [fact(3268, "套", status="actual", topic="housing"), fact(58.73, "%", status="actual", topic="housing")],
                 id="completion-rate-is-actual"),
    case("目前全市国家高新技术企业达44家。", [fact(44, "家", topic="enterprises", status="actual")], id="enterprise-count"),
    case("其中A类国家级孵化器5个。", [fact(5, "个", topic="innovation")], id="incubator-count"),
    case("公司总规模398亿元，净资产143亿元。", [fact(398, "亿元", topic="finance"), fact(143, "亿元", topic="finance")], id="fund-size"),
    case("产业园规划用地51.64公顷。", [fact(51.64, "公顷", value_std=516400, unit_std="m2", status="plan")], id="hectares-planned"),
    case("项目总占地面积98亩。", [fact(98, "亩", unit_std="mu", status="actual", topic="investment")], id="mu"),
    case("形成年产200万套智慧能源管理系统以及400万套智能仪表的能力。",
                 [fact(200, "万套", value_std=2000000, status="plan", topic="investment"), fact(400, "万套", status="plan", topic="investment")],
                 id="capacity-coordinated"),
    case("截至2022年底，高新区孵化器获得各级财政资助额为2067万元。", [fact(2067, "万元", topic="innovation")], id="incubator-money-is-innovation"),
    case("新签约项目32个，签约额99.75亿元。", [fact(32, "个", status="actual"), fact(99.75, "亿元", status="plan")], id="signed-amount-is-plan"),
    case("助力实现产值200亿元年度目标。", [fact(200, "亿元", status="plan", period="2024")], id="target-after-number"),
    case("1—9月，工业投资完成31.5亿元，民间投资完成40.2亿元。",
         [fact(31.5, "亿元", indicator="完成投资", status="actual", period="2024-09"),
          fact(40.2, "亿元", indicator="完成投资", status="actual", period="2024-09")],
         id="investment-done-is-actual (kind-of-investment then 完成)"),
    case("全区拥有省级以上研发平台210个，其中国家级18个、省级192个。",
         [fact(210, "个", indicator="研发平台数", topic="innovation"),
          fact(18, "个", indicator="研发平台数", measure="国家级研发平台"),
          fact(192, "个", indicator="研发平台数", measure="省级研发平台")],
         id="counts-naming-only-a-level-break-down-the-count-before"),
]

CASES_RANKS = [
    case("近日，省发展改革委发布2023年全省开发区综合发展水平评价结果。\n\n在全省126家开发区中，我区综合排名第12位，"
         "较上年前移5位；其中“创新驱动”指标位列第3位。",
                 [fact(12, "位", period="2023"), fact(5, "位", period="2023"), fact(3, "位", period="2023")],
                 published="2024-03-05", id="ranks-after-a-sentence-naming-the-evaluations-year-hold-for-it"),
    case("本报讯 2月28日，火炬中心公布2022年度国家高新区综合评价结果，我区排名第38位。\n\n本次评价中，我区5项一级指标分列第29位、第45位。",
                 [fact(38, "位", period="2022"), fact(29, "位", period="2022"), fact(45, "位", period="2022")],
                 published=None, id="this-evaluation-is-the-evaluation-year"),
    case("日前，2023年度全省开发区综合考核结果公布，我区排名第5位。\n\n其中，创新能力指标居第2位。",
                 [fact(5, "位", period="2023"), fact(2, "位", period="2023")],
                 id="rankings-of-an-item-share-its-evaluation-year"),
    case("在全国百强区榜单中，我区位列第36位，较上年前移5位。",
                 [fact(36, "位", indicator="排名"), fact(5, "位", indicator="排名变化")],
                 id="rank-change-qianyi"),
    case("2016年认定国家级星创天地33家，位居全国第五、西北第一。",
                 [fact(33, "家"), fact(5, "位", unit_std="rank", topic="ranking"), fact(1, "位", unit_std="rank")], id="place-words"),
    case("全市上市总数居全省首位。", [fact(1, "位", unit_std="rank")], id="shouwei"),
    case("高新区在2024年国家高新区评价结果中排名第21位。", [fact(21, "位", period="2024")], id="place-with-wei"),
    case("三项指标分列第4位、7位、7位。", [fact(4, "位"), fact(7, "位"), fact(7, "位")], id="list-of-places"),
    case("首次进入前四十，综合排名连续8年稳居全国前十。", [], id="top-n-is-not-a-rank"),
]

CASES_NUMERALS = [
    case("全区引进各类人才1.2万名。", [fact(1.2, "万名", value_std=12000, unit_std="count")], id="wan-ming"),
    case("银耳产值占全镇农业总产值的七成以上，较去年同期增长近三成。",
                 [fact(7, "成", value_std=70, unit_std="percent", qualifier="at_least"),
                  fact(3, "成", value_std=30, unit_std="percent", qualifier="approx")],
                 id="cheng-is-tens-of-percent"),
    case("规上工业增加值同比增长9.4%，分别高于全国、全省3.3个和1.8个百分点。",
                 [fact(9.4, "%"), fact(3.3, "个百分点", unit_std="percent"), fact(1.8, "个百分点", unit_std="percent")],
                 id="unit-left-out-before-a-coordinated-figure"),
    case("聘请创业导师412名，表彰先进个人36名，新发展党员120名，综合排名全市前100名。",
                 [fact(412, "名", unit_std="count", indicator="创业导师数")],
                 id="ming-counts-people-outside-rankings"),
    case("项目总投资10个亿，预计年产值20亿；公司去年融资5000万，实现税收两个亿。",
                 [fact(10, "亿元", value_std=1000000000, unit_std="CNY", indicator="总投资"),
                  fact(20, "亿元", value_std=2000000000, unit_std="CNY", indicator="产值"),
                  fact(5000, "万元", value_std=50000000, unit_std="CNY"),
                  fact(2, "亿元", value_std=200000000, unit_std="CNY", indicator="税收")],
                 id="money-without-yuan (个亿, bare 亿 and 万 after a money word)"),
    case("全区人口20万，打造3个百亿级产业集群，实际利用外资1.2亿美元，粮食产量3万吨。", [],
                 id="bare-multiplier-without-money-word-or-before-another-unit-is-not-money"),
    case("园区吸引企业两千余家入驻，新增项目二十多个。",
                 [fact(2000, "家", qualifier="at_least"), fact(20, "个", qualifier="at_least")],
                 id="chinese-numeral-with-yu-or-duo-before-the-unit"),
    case("1-9月，全区固定资产投资同比增长-2.5%，投资额3-5亿元的项目有所减少，A-3%型号除外。",
                 [fact(-2.5, "%", value_std=-2.5, unit_std="percent", period="2024-09")],
                 id="negative-growth-rate"),
    case("今年以来共举办各类招商活动26场，一场推介会签约项目5个。",
                 [fact(26, "场", unit_std="count"), fact(5, "个", indicator="项目数")],
                 id="chang-counts-activities-but-not-yi-chang"),
    case("全区市场主体总数达到一万二千家，从业人员两万三千余人。",
                 [fact(12000, "家", value_std=12000), fact(23000, "人", qualifier="at_least")],
                 id="chinese-numeral-with-wan-inside"),
    case("全区新增企业三万家。", [fact(3, "万家", value_std=30000)], id="chinese-numeral-then-wan-multiplier"),
    case("高新区四个制造业类项目集中开工。", [fact(4, "个", value_text="四")], id="chinese-numeral"),
    case("今年一季度有两家公司在创业板上市。", [fact(2, "家", topic="enterprises", period="2024-Q1")], id="liang"),
    case("棚改开工率达百分百。", [fact(100, "%", topic="housing")], id="baifenbai"),
    case("基本建成率超百分百，项目投资率超百分百。", [], id="rhetorical-over-100"),
    case("全区共外出招商5批40人次。", [fact(5, "批"), fact(40, "人次")], id="batches-and-person-times"),
    case("孵化机构共组织科技服务活动超1.2万场次。", [fact(1.2, "万场次", value_std=12000, topic="innovation")], id="wan-changci"),
    case("项目建筑面积约10万㎡，售价5000元/平方米。", [fact(10, "万m2", value_std=100000, unit_std="m2")], id="square-metre-sign-and-price"),
    case("全区现有企业近千家，总投资逾百亿元。",
         [fact(1000, "家", qualifier="approx"), fact(100, "亿元", value_std=10000000000, qualifier="at_least")], id="bare-thousand-and-hundred"),
    case("全区共有孵化器数十家。", [], id="vague-several-tens"),
    case("累计有1,205家企业挂牌。", [fact(1205, "家", value_text="1,205")], id="thousands-separator"),
]

CASES_BUGS_CAUGHT = [
    case("指标名称  单位  本月  年度计划  同比增长%\n固定资产投资  亿元  12.5  300  8.6\n  其中：民间投资  亿元  --  --  --\n"
         "工业投资  亿元  5.2  120  3.2\n指标 \t单位 \t1-2月\n技改投资 \t亿元 \t4.1",
                 [fact(12.5, "亿元", status="actual"), fact(300, "亿元", indicator="年度计划投资", status="plan"),
                  fact(8.6, "%", unit_std="percent"), fact(5.2, "亿元"), fact(120, "亿元", status="plan"),
                  fact(3.2, "%", unit_std="percent"), fact(4.1, "亿元", period="2024-02")],
                 id="table-plan-columns-placeholder-rows-and-tabs (found in review)"),
    case("一、主要经济指标\n\n指标名称        单位    本月      1-8月累计    同比增长%\n"
         "规上工业总产值  亿元    61.37     468.92       9.6\n  其中：工业投资  亿元    —    141.76    11.2\n"
         "进出口总额      亿元    12.48     96.35        -2.6\n\n注：总投资  96.6  亿元的项目另计。",
                 [fact(61.37, "亿元", period="2024-08", indicator="产值"), fact(468.92, "亿元", period="2024-08"),
                  fact(9.6, "%", unit_std="percent", period="2024-08"), fact(141.76, "亿元", indicator="完成投资"),
                  fact(11.2, "%"), fact(12.48, "亿元"), fact(96.35, "亿元"), fact(-2.6, "%", value_std=-2.6),
                  fact(96.6, "亿元")],
                 published="2024-09-12", id="a-text-tables-cells-read-against-its-header (written like monthly briefs)"),
    case("上半年全区主要经济指标：\n| 指标 | 1-6月 | 同比增长% |\n|:---|---:|---|\n| 固定资产投资（亿元） | 56.2 | 8.5 |\n"
         "| **规上工业增加值（亿元）** | 3 0.1 | -1.2 |\n| 新增市场主体（户） | 1203 | 6 |\n正文中的 | 不是表格。",
                 [fact(56.2, "亿元", indicator="完成投资", period="2024-06"), fact(8.5, "%", unit_std="percent", period="2024-06"),
                  fact(30.1, "亿元", value_text="30.1"), fact(-1.2, "%", value_std=-1.2), fact(1203, "户", indicator="市场主体数"),
                  fact(6, "%")],
                 published="2024-07-20", id="markdown-table-rows-with-units-after-their-names (written like web briefs)"),
    case("全区建有省级以上研发平台286个，其中国家级平台19个。截至目前，拥有国家级重点实验室（基地）3个，博士后科研工作站3个。全年登记技术合同1024项，接待客商考察142批次。",
                 [fact(286, "个"), fact(19, "个", indicator="研发平台数", measure="国家级研发平台"), fact(3, "个", measure="拥有国家级重点实验室"),
                  fact(3, "个", measure="博士后科研工作站"), fact(1024, "项", indicator="技术合同数"), fact(142, "批次", indicator="招商批次")],
                 id="level-and-word-of-the-count-before; bracketed-notes; contracts-and-visits (written like innovation reports)"),
    case("改造老旧小区123个，涉及楼栋684栋，总投资4.87亿元。截至6月25日，已开工98个，开工率79.7%；完工37个，加装电梯42部，新增手机1200部。",
                 [fact(123, "个"), fact(684, "栋"), fact(4.87, "亿元"), fact(98, "个", indicator="小区数"), fact(79.7, "%"),
                  fact(37, "个", indicator="小区数"), fact(42, "部", indicator="电梯数")],
                 id="counts-naming-only-progress-continue-the-last-count-of-their-unit (written like renovation reports)"),
    case("达产后可年产汽车座椅骨架30万套、精密冲压件1200万件，年产值20亿没问题。新建自动化生产线14条，新增门店140家，平均入住率达92.6%，全市存贷比为81.1%。",
                 [fact(30, "万套", indicator="年产能"), fact(1200, "万件", indicator="年产能"), fact(20, "亿元", unit_std="CNY"),
                  fact(14, "条", indicator="生产线数"), fact(140, "家", indicator="商户数"), fact(92.6, "%", indicator="入住率"),
                  fact(81.1, "%", indicator="金融比率", topic="finance")],
                 id="capacity-lists-lines-shops-and-bank-ratios (written like county economic pages)"),
    case("新建院士工作站2个、博士后科研工作站3个。\n\n截至目前，新区拥有国家级重点实验室3个。在孵企业申请知识产权2846件，获得授权1697件。",
                 [fact(2, "个"), fact(3, "个", measure="博士后科研工作站"), fact(3, "个", measure="拥有国家级重点实验室"),
                  fact(2846, "件"), fact(1697, "件", indicator="知识产权数")],
                 id="equal-counts-of-different-kinds-are-two-facts (written like talent reports)"),
    case("第一条新闻\n\n本报讯 近日，全区新增经营主体1.86万户，企业开办时间压缩至0.5个工作日以内。（钟 文）\n"
         "项目，总投资12亿元，建成后可年产电感器20亿只。\n\n"
         "本报讯 11月16日，中科智造家居产业园项目总投资42亿元，骏丰电子新型元器件项目为外资\n",
                 [fact(1.86, "万户", article_index=0), fact(42, "亿元", article_index=1),
                  fact(12, "亿元", article_index=1), fact(20, "亿只", article_index=1)],
                 id="bracketed-name-after-the-last-sentence-is-a-byline (written like OCR pages with columns out of order)"),
    case("全区新增国家级高新技术企业12家，新增院士工作站2个，引进院士3人，新增注册商标560件，制定国家标准12项，"
         "发放贷款1.5万笔，金额23.6亿元。",
                 [fact(12, "家"), fact(2, "个", indicator="研发平台数"), fact(3, "人", indicator="人才数"),
                  fact(560, "件", indicator="知识产权数"), fact(12, "项", indicator="标准数"),
                  fact(1.5, "万笔", indicator="贷款笔数", topic="finance"), fact(23.6, "亿元", topic="finance")],
                 id="innovation-talent-and-loan-counts (written like year-end reviews)"),
    case("营业收入突破千亿元\n五年来，全区企业不断壮大，发展质量稳步提升。2023年，全区企业营业收入突破1000亿元。",
                 [fact(1000, "亿元", period="2023", article_title="营业收入突破千亿元")],
                 id="web-headline-right-above-a-one-line-paragraph (written like county websites)"),
    case("本报讯 1月18日，记者从区发改委获悉，全区新增市场主体1.2万户。",
                 [fact(1.2, "万户", subject="本地")],
                 id="reporter-phrase-is-not-a-place (written like other districts' news)"),
    case("本报讯 近日，漳州市棚户区改造提速。全市新增市场主体1.2万户。",
                 [fact(1.2, "万户", subject="漳州市")],
                 id="known-place-name-not-a-look-alike (dev d07's 市棚户区)"),
    # dev d05: 三元材料 read as 3 元.
    case("成为年产值最高的三元材料锂电池产业基地。", [], id="sanyuan-material"),
    # dev d08: a contract period in calendar days.
    case("按照合同工期上1095个日历天的验收计划推进。", [], id="calendar-days"),
    # seed 000: a figure repeated in the next sentence with no label is one fact.
    case("首期建设约30万平方米。一期就将以其约30万平方米的宏大体量成为焦点。", [fact(30, "万平方米")], id="repeat-without-label"),
    # dev d13: a list of figures after 分别 takes the label of the sentence.
    case("观海卫、周巷、龙山新设小微企业数位列前三，分别贡献544家、436家和312家。",
                 [fact(544, "家", topic="enterprises"), fact(436, "家"), fact(312, "家")], id="fenbie-list"),
    # dev d12: equal figures in one sentence are distinct facts.
    case("泉州有1家企业通过首发上市审核;1家企业报主板上市在审。", [fact(1, "家"), fact(1, "家")], id="equal-figures-one-sentence"),
    # dev d12: a change relative to the previous figure.
    case("146家企业被列入挂牌后备企业名单，较去年度增加了89家。", [fact(146, "家"), fact(89, "家")], id="increase-of-previous"),
    case("全区各类市场主体达8.6万户，较年初净增5200余户。",
         [fact(8.6, "万户", indicator="市场主体数"), fact(5200, "户", indicator="市场主体数", qualifier="at_least")],
         id="net-increase-takes-the-previous-label"),
    case("1—10月，全区56个省市重点项目完成投资186.4亿元。",
         [fact(56, "个", subject="省市重点项目"), fact(186.4, "亿元", subject="省市重点项目")], id="batch-owns-its-money"),
    case("新签约亿元以上项目27个，签约总金额316.5亿元。", [fact(27, "个"), fact(316.5, "亿元", indicator="签约额", status="plan")],
         id="signed-total"),
    # Articles written in the style of other districts' news (not in the corpora):
    case("一般公共预算收入完成18.6亿元，税收占比达81.2%。",
         [fact(18.6, "亿元", topic="finance", indicator="财政收入"), fact(81.2, "%", topic="finance")], id="fiscal-revenue"),
    case("全区实现地区生产总值386.5亿元，同比增长6.2%。",
         [fact(386.5, "亿元", indicator="地区生产总值"), fact(6.2, "%")], id="gdp"),
    case("全年新开工安置房项目9个、4260套。",
         [fact(9, "个", indicator="项目数"), fact(4260, "套", indicator="住房套数", topic="housing")], id="list-of-different-units"),
    case("今年计划筹集保障性租赁住房3500套，截至12月25日，已筹集3862套。",
         [fact(3500, "套", period="2023", status="plan"), fact(3862, "套", period="2023-12-25", status="actual", article_date="2023-12-28")],
         published="2023-12-28", id="until-date-is-not-a-dateline"),
    case("2022-08-15 来源:区科技局\n\n我区新增专精特新中小企业28家\n\n近日,省工信厅公布名单,我区28家企业榜上有名,总数达到96家。",
         [fact(28, "家"), fact(96, "家")], published=None, id="headline-above-the-body-is-one-fact"),
    case("力争明年再交付安置房3000套以上。", [fact(3000, "套", period="2025", status="plan", qualifier="at_least")], id="next-year"),
    case("累计开工项目48个，完成投资213.4亿元，占年度目标的78.6%。",
         [fact(48, "个"), fact(213.4, "亿元", status="actual"), fact(78.6, "%", status="actual", indicator="完成率")], id="share-of-annual-target"),
]


ALL_TABLES = {
    "ocr": CASES_OCR,
    "qualifiers": CASES_QUALIFIERS,
    "non_facts": CASES_NON_FACTS,
    "periods": CASES_PERIODS,
    "year_inference": CASES_YEAR_INFERENCE,
    "status_topic": CASES_STATUS_TOPIC,
    "ranks": CASES_RANKS,
    "numerals": CASES_NUMERALS,
    "bugs_caught": CASES_BUGS_CAUGHT,
}


def all_cases() -> list[Any]:
    """Every case of every table, its id prefixed by the table's name."""
    return [
        pytest.param(*case.values, id=f"{table}:{case.id}")
        for table, cases in ALL_TABLES.items()
        for case in cases
    ]


@pytest.mark.parametrize("text, expected, published", all_cases())
def test_case(text: str, expected: list[dict[str, Any]], published: str | None) -> None:
    check(text, expected, published)


def test_at_least_forty_sentences() -> None:
    assert sum(len(t) for t in ALL_TABLES.values()) >= 40


def test_value_is_exact_decimal() -> None:
    facts = extract_document("发布日期:2022-07-30\n承担项目总投资1260.33亿元。", "x.txt")
    assert facts[0].value == Decimal("1260.33")
    assert facts[0].value_std == Decimal("126033000000")
