"""The Spanish catalogue covers every marked string, and every entry is translated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


def untranslated(po_path):
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    return sorted(
        str(message.id)
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    )


def test_spanish_catalogue_has_every_entry_translated():
    assert untranslated(PO) == []


def test_spanish_catalogue_is_up_to_date_with_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail(
                "GNU gettext (xgettext) is needed in CI to check the catalogue: apt-get install gettext"
            )
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "*.mo", "__pycache__", "node_modules"),
    )
    env = {**os.environ, "DEBUG": "true", "VAR_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert untranslated(copy / "locale" / "es" / "LC_MESSAGES" / "django.po") == []
