"""The optional compiled core (extract/native.py): it gives the same facts as the source,
and a core that no longer matches its source never runs."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract import native
from extract.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "golden" / "dev" / "docs").glob("*.txt"))
# Prints every fact row of CORPUS as one JSON list, and whether the core ran.
EXTRACT_ALL = """
import json, sys
from pathlib import Path
from extract import native
from extract.pipeline import extract_document
rows = [f.to_row() for p in sys.argv[1:] for f in extract_document(Path(p).read_text(encoding="utf-8"), Path(p).name)]
print(json.dumps({"compiled": native.is_active(), "rows": rows}, ensure_ascii=False, default=str))
"""


def _run(code: str, cwd: Path, *args: str, pure: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_PYTHON_ENV}
    if pure:
        env[native.PURE_PYTHON_ENV] = "1"
    env["PYTHONPATH"] = str(cwd)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.mark.skipif(not native.is_active(), reason="no compiled core built (python -m extract compile; CI builds it)")
def test_compiled_core_gives_the_same_facts_as_the_source() -> None:
    compiled = [json.loads(json.dumps(f.to_row(), ensure_ascii=False, default=str))
                for p in CORPUS for f in extract_document(p.read_text(encoding="utf-8"), p.name)]
    result = _run(EXTRACT_ALL, ROOT, *map(str, CORPUS), pure=True)
    assert result.returncode == 0, result.stderr
    source = json.loads(result.stdout)
    assert source["compiled"] is False  # EXTRACT_PURE_PYTHON=1 ran the source
    assert len(compiled) > 250
    assert source["rows"] == compiled


def _package_copy(tmp_path: Path) -> Path:
    """The extract package's sources and data in tmp_path/extract (no compiled core)."""
    target = tmp_path / "extract"
    shutil.copytree(ROOT / "extract", target, ignore=shutil.ignore_patterns("*.so", "*.pyd", "_native.json", "__pycache__"))
    return target


def test_a_stale_compiled_module_is_not_imported(tmp_path: Path) -> None:
    package = _package_copy(tmp_path)
    # A compiled pipeline with no manifest (as left by an interrupted build or an old
    # checkout): importing it would fail, as this one is no extension at all.
    (package / f"pipeline{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"not an extension")
    result = _run(EXTRACT_ALL, tmp_path, str(CORPUS[0]))
    assert result.returncode == 0, result.stderr
    assert "compiled core not used" in result.stderr and "python -m extract compile" in result.stderr
    out = json.loads(result.stdout)
    assert out["compiled"] is False and len(out["rows"]) > 10


def test_the_manifest_says_which_sources_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = tmp_path / "_native.json"
    monkeypatch.setattr(native, "MANIFEST", manifest)
    assert native.stale_reason() is not None  # no manifest
    digests = native.source_digests()
    manifest.write_text(json.dumps({"cache_tag": sys.implementation.cache_tag, "sources": digests}), encoding="utf-8")
    assert native.stale_reason() is None
    digests["numbers"] = "0" * 64
    manifest.write_text(json.dumps({"cache_tag": sys.implementation.cache_tag, "sources": digests}), encoding="utf-8")
    assert native.stale_reason() == "source changed since the build: numbers.py"
    manifest.write_text(json.dumps({"cache_tag": "cpython-27", "sources": native.source_digests()}), encoding="utf-8")
    assert "built for cpython-27" in (native.stale_reason() or "")


def test_every_compiled_module_is_a_module_of_the_package() -> None:
    assert all((ROOT / "extract" / f"{name}.py").is_file() for name in native.COMPILED_MODULES)
    assert "fact" not in native.COMPILED_MODULES  # the store reads Fact's annotations
