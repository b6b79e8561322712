"""The engine type-checks: `mypy extract/` is clean (STYLE.md)."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_extract_package_is_mypy_clean() -> None:
    out, err, status = api.run(["--config-file", str(ROOT / "mypy.ini"), str(ROOT / "extract")])
    assert status == 0, out + err
