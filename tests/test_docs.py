"""The docs follow the code: reference pages regenerate identically, every command, option and setting
is documented, and the site builds with warnings as errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.cli import main
from dateline.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "docs" / "reference"


def test_generated_reference_is_up_to_date():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_reference.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_every_command_and_option_is_in_the_cli_reference():
    text = (REF / "cli.md").read_text()
    for name, cmd in main.commands.items():
        assert f"## dateline {name}" in text
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in text, f"dateline {name} {opt} is not documented"


def test_every_setting_is_documented():
    text = (REF / "settings.md").read_text()
    for s in SETTINGS:
        assert f"`{s.name}`" in text


def test_every_model_field_has_a_meaning():
    for line in (REF / "data-model.md").read_text().splitlines():
        if line.startswith("| `"):
            assert not line.rstrip().endswith("|  |"), f"field without a meaning: {line}"


@pytest.mark.skipif(shutil.which("mkdocs") is None and not (Path(sys.executable).parent / "mkdocs").exists(),
                    reason="mkdocs not installed (pip install -e '.[docs]')")
def test_site_builds_strict(tmp_path):
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    res = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow
def test_the_tutorial_prints_what_it_shows():
    """A newcomer following the tutorial gets the outputs it shows (timings left out)."""
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_tutorial.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-4000:]
