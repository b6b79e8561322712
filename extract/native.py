"""The optional compiled core: the engine's own modules compiled by mypyc.

Why: issue 2 asks the extractor to be no slower than JioNLP's money extractor while it
does far more per figure. mypyc (mypy's compiler of type-annotated Python to C
extensions) runs the very same source about 1.4 times faster, with the same facts (a
test checks the two agree). The source stays the engine: with no compiled core, or a
stale one, everything runs as plain Python.

    python -m extract compile          # build it (needs mypy and a C compiler), ~1 min;
                                       # nothing to do when it matches the sources
    python -m extract compile --clean  # remove it

The build writes, next to each module's source, its extension (pipeline.cpython-311-
x86_64-linux-gnu.so ...), the runtime they share, and MANIFEST: the hash of each
compiled source. Python imports an extension before a source file of the same name, so
an extension left behind by an edited source would run old code. `guard()`, run when
the package is imported, makes the sources win whenever the manifest does not match
them (and says so once on stderr), or when EXTRACT_PURE_PYTHON=1 asks for the source.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent
# The modules on the extraction path. fact.py stays Python: the store reads Fact's
# field annotations to build its Arrow schema, and a compiled class hides them.
COMPILED_MODULES = (
    "normalize", "articles", "tables", "numbers", "dates", "lexicon",
    "indicators", "phrases", "subjects", "pipeline",
)
RUNTIME_MODULE = "_native"  # mypyc's shared runtime: extract/_native__mypyc.*.so
MANIFEST = PACKAGE_DIR / "_native.json"
PURE_PYTHON_ENV = "EXTRACT_PURE_PYTHON"


def source_digests() -> dict[str, str]:
    """sha256 of each compiled module's source file."""
    return {
        name: hashlib.sha256((PACKAGE_DIR / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED_MODULES
    }


def compiled_files() -> list[Path]:
    """The extension files of the package (the compiled modules and their runtime)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return sorted(p for p in PACKAGE_DIR.iterdir() if p.name.endswith(suffixes))


def stale_reason() -> str | None:
    """Why the compiled core present must not run, or None when it matches the sources."""
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{MANIFEST.name} is missing or unreadable"
    if manifest.get("cache_tag") != sys.implementation.cache_tag:
        return f"built for {manifest.get('cache_tag')}, running {sys.implementation.cache_tag}"
    changed = [name for name, digest in source_digests().items() if manifest.get("sources", {}).get(name) != digest]
    if changed:
        return "source changed since the build: " + ", ".join(f"{name}.py" for name in changed)
    return None


def is_active() -> bool:
    """The engine's modules run compiled in this process."""
    module = sys.modules.get(f"{__package__}.pipeline")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Imports the compiled modules from their source files."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.partition(".")
        if package != __package__ or name not in COMPILED_MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, PACKAGE_DIR / f"{name}.py")


def guard() -> None:
    """Run the sources instead of a compiled core that does not match them (see the
    module's doc). Called by the package's __init__, before any engine module loads."""
    if not compiled_files():
        return
    asked = os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0")
    reason = None if asked else stale_reason()
    if not asked and reason is None:
        return
    if not any(isinstance(finder, _SourceFirst) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
    if reason is not None:
        print(
            f"extract: compiled core not used ({reason}); running the Python source. "
            "Rebuild it with: python -m extract compile",
            file=sys.stderr,
        )


def clean() -> list[Path]:
    """Remove the compiled core; returns what was removed."""
    removed = compiled_files() + ([MANIFEST] if MANIFEST.exists() else [])
    for path in removed:
        path.unlink()
    return removed


def is_fresh() -> bool:
    """A compiled core is present and matches the sources."""
    return bool(compiled_files()) and stale_reason() is None


def build(verbose: bool = False) -> None:
    """Compile COMPILED_MODULES in place with mypyc and write MANIFEST.

    Raises RuntimeError with the compiler's last lines when the build fails (no C
    compiler, no Python headers, a module mypyc rejects); the package then keeps
    running its sources.
    """
    root = PACKAGE_DIR.parent
    digests = source_digests()  # of the sources as they are when the build starts
    clean()
    with tempfile.TemporaryDirectory(prefix="extract-native-") as tmp:
        script = (
            "from setuptools import setup\n"
            "from mypyc.build import mypycify\n"
            f"setup(name='extract-native', script_args={['build_ext', '--inplace', '--build-temp', tmp + '/temp', '--build-lib', tmp + '/lib']!r},\n"
            f"      ext_modules=mypycify({[f'{__package__}/{name}.py' for name in COMPILED_MODULES]!r},\n"
            f"                           opt_level='3', group_name='{__package__}.{RUNTIME_MODULE}', target_dir={tmp + '/c'!r}))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=root, capture_output=not verbose, text=True, check=False
        )
    if result.returncode != 0:
        clean()
        tail = "\n".join(((result.stdout or "") + (result.stderr or "")).strip().splitlines()[-15:])
        raise RuntimeError(f"mypyc build failed (exit {result.returncode}):\n{tail}")
    MANIFEST.write_text(
        json.dumps({"cache_tag": sys.implementation.cache_tag, "sources": digests}, indent=1) + "\n", encoding="utf-8"
    )


def can_build() -> str | None:
    """Why a build cannot run here (no mypyc, no C compiler), or None."""
    if importlib.util.find_spec("mypyc") is None:
        return "mypyc is not installed (pip install mypy)"
    compiler = os.environ.get("CC", "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler}) on PATH"
    return None
