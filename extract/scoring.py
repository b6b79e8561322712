"""Score predicted facts against a gold file, as SCHEMA.md defines it.

A prediction matches a gold fact of the same document when the unit class is equal and
the standard value agrees to within 1e-6 relative; matching is one-to-one. Among
several candidates for one gold fact we pair those that agree on most fields, so the
field agreement measures the extractor, not the order of its output.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

SCORED_FIELDS = ("period", "article_date", "topic", "status")
STRICT_FIELDS = ("period", "topic", "status")
REL_TOL = 1e-6


@dataclass
class DocScore:
    doc: str
    gold: int = 0
    pred: int = 0
    matched: int = 0


@dataclass
class Score:
    gold: int
    pred: int
    matched: int
    strict: int
    agreement: dict[str, float]
    per_doc: list[DocScore]
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_f1(self) -> float:
        p = self.strict / self.pred if self.pred else 0.0
        r = self.strict / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary_line(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"matched={self.matched} pred={self.pred} gold={self.gold}"
        )


def _same_value(a: Any, b: Any) -> bool:
    x, y = float(a), float(b)
    return abs(x - y) <= REL_TOL * max(abs(x), abs(y), 1e-12)


def _agreement(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    return sum(1 for f in SCORED_FIELDS if gold.get(f) == pred.get(f))


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Score:
    """Match predictions to gold facts and count agreements.

    >>> g = [{"doc": "a", "unit_std": "CNY", "value_std": 6.6e9, "period": "2025", "topic": "investment",
    ...       "status": "plan", "article_date": "2025-03-13"}]
    >>> score(g, g).summary_line()
    'P=1.000 R=1.000 F1=1.000 matched=1 pred=1 gold=1'
    """
    by_doc_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_doc_pred: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_doc_gold[g["doc"]].append(g)
    for p in pred:
        by_doc_pred[p["doc"]].append(p)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    per_doc: list[DocScore] = []
    for doc in sorted(set(by_doc_gold) | set(by_doc_pred)):
        golds, preds = by_doc_gold.get(doc, []), by_doc_pred.get(doc, [])
        candidates = []
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                if g["unit_std"] == p["unit_std"] and _same_value(g["value_std"], p["value_std"]):
                    quote_bonus = 1 if str(p.get("quote", "")) and (
                        str(p.get("quote")) in str(g.get("quote")) or str(g.get("quote")) in str(p.get("quote"))
                    ) else 0
                    candidates.append((-_agreement(g, p), -quote_bonus, gi, pi))
        candidates.sort()
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, _, gi, pi in candidates:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((golds[gi], preds[pi]))
        missed.extend(g for i, g in enumerate(golds) if i not in used_g)
        spurious.extend(p for i, p in enumerate(preds) if i not in used_p)
        per_doc.append(DocScore(doc, len(golds), len(preds), len(used_g)))
    agreement = {
        f: (sum(1 for g, p in pairs if g.get(f) == p.get(f)) / len(pairs) if pairs else 0.0)
        for f in SCORED_FIELDS
    }
    strict = sum(1 for g, p in pairs if all(g.get(f) == p.get(f) for f in STRICT_FIELDS))
    return Score(len(gold), len(pred), len(pairs), strict, agreement, per_doc, pairs, missed, spurious)
