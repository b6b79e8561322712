"""Ingest benchmark: a cold ingest of N synthetic news articles, then a re-ingest.

    python benchmarks/bench_ingest.py                      # 5,000 articles, real engine
    python benchmarks/bench_ingest.py --engine fake        # store cost only (tests' fake extractor)
    python benchmarks/bench_ingest.py --per-file 10        # 500 pages of 10 articles
    python benchmarks/bench_ingest.py --jobs 1             # extraction in this process only

Targets (issue): cold < 30 s on 2 cores, re-ingest of the same files < 2 s. The corpus is
generated in a temporary folder from templates of district news sentences with figures
(investment, enterprises, parks, housing, innovation, rankings) and deleted afterwards.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import store  # noqa: E402
from store.cli import DEFAULT_JOBS  # noqa: E402

PARKS = ["智能制造", "生物医药", "新材料", "数字经济", "电子信息", "新能源汽车", "北斗应用", "软件"]
COMPANIES = ["宇通", "安图生物", "汉威科技", "新开普", "辉煌科技", "中原数据", "天迈科技", "金惠计算机"]
TITLES = [
    "高新区第{n}批重点项目集中开工", "{park}产业园一期项目主体封顶", "高新区召开经济运行分析会",
    "{company}公司新建生产基地投产", "高新区安置房交付工作有序推进", "高新区孵化器建设取得新进展",
    "高新区在全国高新区综合评价中位次提升", "高新区一季度招商引资成效明显",
]
SENTENCES = [
    "本报讯 {m}月{d}日，高新区{n}个重点项目集中开工，总投资{x}亿元，年度计划投资{y}亿元。",
    "截至{m}月底，全区新增市场主体{k}家，其中科技型中小企业{j}家，同比增长{p}%。",
    "{park}产业园总建筑面积约{a}万平方米，已入驻企业{k}家，实现营业收入{r}万元。",
    "在全国{z}家国家高新区综合评价中，高新区排名第{rank}位，较上年进步{step}位。",
    "安置房项目累计建成{a}万平方米，交付{u}套，惠及群众{h}户。",
    "目前孵化器在孵企业{k}家，当年新增发明专利{j}件，吸纳就业{h}人。",
    "{company}公司计划投资{x}亿元建设研发中心，用地{mu}亩，力争年底前建成投用。",
    "1—{m}月，全区完成固定资产投资{y}亿元，工业投资增长{p}%，高于全市{q}个百分点。",
    "会议要求，各部门要压实责任、细化措施，确保全年目标任务圆满完成。",
    "下一步，高新区将持续优化营商环境，推动项目早开工、早投产、早见效。",
]


def article(rng: random.Random, i: int) -> str:
    """One synthetic news item: a headline and 4-7 sentences, half of them with figures."""
    values = dict(
        n=rng.randint(3, 60), m=rng.randint(1, 12), d=rng.randint(1, 28), x=round(rng.uniform(1, 300), 1),
        y=round(rng.uniform(1, 120), 2), k=rng.randint(10, 5000), j=rng.randint(1, 900),
        p=round(rng.uniform(0.5, 40), 1), a=round(rng.uniform(1, 200), 1), r=round(rng.uniform(100, 90000), 2),
        z=rng.choice([169, 173, 178]), rank=rng.randint(1, 60), step=rng.randint(1, 15),
        u=rng.randint(50, 6000), h=rng.randint(20, 9000), mu=rng.randint(20, 900),
        q=round(rng.uniform(0.1, 9), 1), park=rng.choice(PARKS), company=rng.choice(COMPANIES),
    )
    title = rng.choice(TITLES).format(**values)
    body = "".join(rng.choice(SENTENCES).format(**values) for _ in range(rng.randint(4, 7)))
    return f"{title}\n\n{body}\n\n（记者 张{i % 100}）\n\n"


def write_corpus(folder: Path, articles: int, per_file: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for k in range(0, articles, per_file):
        path = folder / f"page_{k // per_file:05d}.txt"
        path.write_text("".join(article(rng, k + j) for j in range(min(per_file, articles - k))), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--per-file", type=int, default=1, help="articles per file (default 1: 5,000 files)")
    parser.add_argument("--engine", choices=["real", "fake"], default="real")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"worker processes (default {DEFAULT_JOBS}, as the CLI)")
    args = parser.parse_args()

    extract_fn = None
    version = None
    if args.engine == "fake":
        from store_fakes import FAKE_VERSION, fake_extract

        extract_fn, version = fake_extract, FAKE_VERSION

    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        started = time.perf_counter()
        paths = write_corpus(folder, args.articles, args.per_file)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {args.articles} articles in {len(paths)} files, {size / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - started:.1f} s); engine: {args.engine}, jobs: {args.jobs}")

        conn = store.connect(Path(tmp) / "bench.sqlite3")
        started = time.perf_counter()
        results = store.ingest_paths(conn, [folder], extract=extract_fn, version=version, jobs=args.jobs)
        cold = time.perf_counter() - started
        counts = Counter(r.status for r in results)
        facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        print(f"cold ingest: {cold:.2f} s  ({len(paths) / cold:.0f} files/s, {facts} facts) {dict(counts)}")
        failed = [r for r in results if r.status == "failed"]
        if failed:
            print(f"  first failure: {failed[0].name}: {failed[0].message}")

        started = time.perf_counter()
        results = store.ingest_paths(conn, [folder], extract=extract_fn, version=version, jobs=args.jobs)
        warm = time.perf_counter() - started
        counts = Counter(r.status for r in results)
        print(f"re-ingest:   {warm:.2f} s  {dict(counts)}")
        db_size = (Path(tmp) / "bench.sqlite3").stat().st_size
        print(f"database: {db_size / 1e6:.1f} MB; targets: cold < 30 s, re-ingest < 2 s -> "
              f"{'met' if cold < 30 and warm < 2 else 'NOT met'}")
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
