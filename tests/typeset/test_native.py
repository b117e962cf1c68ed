"""The compiled typesetting core (`layout.typeset.native`): same output, never stale.

Under CI (CI=true) the compiled build must be in use: CI installs with a C compiler,
so a missing build is a broken install, and the comparisons below would compare the
source with itself. Elsewhere they skip with the reason printed.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.typeset import native

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"


def require_build() -> None:
    state = native.build_state()
    if state == "fresh":
        return
    reason = f"the compiled typesetting core is {state!r} (build it: pip install -e .)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must build it")
    print(reason)
    pytest.skip(reason)


def test_setup_compiles_the_modules_native_names() -> None:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    listed = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                  and any(getattr(t, "id", None) == "COMPILED" for t in node.targets))
    assert tuple(ast.literal_eval(listed)) == native.COMPILED
    for name in native.COMPILED:
        assert (ROOT / "layout" / "typeset" / f"{name}.py").is_file()


def test_this_run_uses_the_build_when_it_is_fresh() -> None:
    require_build()
    assert native.compiled() is (not os.environ.get("LAYOUT_PURE"))


def export(tmp_path: Path, name: str, args: list[str], *, pure: bool) -> bytes:
    env = {**os.environ, "LAYOUT_PURE": "1"} if pure else {
        k: v for k, v in os.environ.items() if k != "LAYOUT_PURE"}
    folder = tmp_path / ("pure" if pure else "compiled")  # the same name: it may be the title
    folder.mkdir(exist_ok=True)
    out = folder / name
    result = subprocess.run([sys.executable, str(ROOT / "export.py"), *args, "-o", str(out)],
                            capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


CASES = {
    "sample-broadsheet": ["pdf", str(SAMPLE)],
    "sample-tabloid": ["pdf", str(SAMPLE), "--spec", "specs/tabloid.yaml"],
    "sample-a4": ["pdf", str(SAMPLE), "--spec", "specs/a4-archive.yaml"],
    "multipage-jumps": ["pdf", str(FIXTURES / "multipage.txt"), "--spec", "specs/tabloid.yaml"],
    "mixed-latin": ["pdf", str(FIXTURES / "mixed_latin.txt"), "--spec", "specs/a4-archive.yaml"],
    "traditional-epub": ["epub", str(FIXTURES / "tw_traditional_front.txt")],
}


@pytest.mark.parametrize("name", CASES)
def test_compiled_and_source_make_the_same_bytes(tmp_path: Path, name: str) -> None:
    require_build()
    args = CASES[name]
    assert export(tmp_path, name, args, pure=False) == export(tmp_path, name, args, pure=True)


def test_layout_pure_imports_the_core_from_source() -> None:
    probe = ("import layout.typeset, sys; from layout.typeset import linebreak, placement; "
             "print(linebreak.__file__, placement.__file__)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "LAYOUT_PURE": "1"}, cwd=ROOT, check=True)
    assert all(path.endswith(".py") for path in result.stdout.split())


def touch(path: Path, seconds: int) -> None:
    path.touch()
    os.utime(path, ns=(seconds * 10**9, seconds * 10**9))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(native, "_HERE", str(tmp_path))
    for name in native.COMPILED:
        touch(tmp_path / f"{name}.py", 100)
    return tmp_path


def build(folder: Path, name: str, seconds: int) -> None:
    touch(Path(native._build_path(name)), seconds)


def test_no_build_is_none(folder: Path) -> None:
    assert native.build_state() == "none"


def test_a_build_newer_than_every_source_is_fresh(folder: Path) -> None:
    for name in native.COMPILED:
        build(folder, name, 200)
    assert native.build_state() == "fresh"


def test_one_source_edited_after_the_build_makes_it_stale(folder: Path) -> None:
    for name in native.COMPILED:
        build(folder, name, 200)
    touch(folder / "vfill.py", 300)
    assert native.build_state() == "stale"


def test_a_partial_build_is_stale(folder: Path) -> None:
    for name in native.COMPILED[1:]:
        build(folder, name, 200)
    assert native.build_state() == "stale"


def test_the_script_exits_1_only_when_stale(folder: Path) -> None:
    script = folder / "native_copy.py"  # run beside the fake sources and builds
    script.write_bytes((ROOT / "layout" / "typeset" / "native.py").read_bytes())
    for name in native.COMPILED:
        build(folder, name, 200)

    def code() -> int:
        return subprocess.run([sys.executable, str(script)], check=False).returncode

    assert code() == 0
    touch(folder / "lb_fit.py", 300)
    assert code() == 1
