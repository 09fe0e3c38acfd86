"""The apps depend on each other in one direction only (docs/extending.md): the platform imports no domain
app; `cases` imports none of the others; `agreements`, `uvisa` and `contracts` may import `cases` (and the
platform), not each other. Read from the source, migrations left out (they name other apps' models)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

DOMAIN_APPS = {"cases", "agreements", "uvisa", "contracts"}
MAY_IMPORT = {
    "power_campaign": set(),
    "cases": set(),
    "agreements": {"cases"},
    "uvisa": {"cases"},
    "contracts": {"cases"},
}


def imported_apps(package):
    """{(file, domain app)} of the domain apps the package's modules import."""
    found = set()
    for path in (Path(settings.BASE_DIR) / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.partition(".")[0]
                if top in DOMAIN_APPS and top != package:
                    found.add((str(path.relative_to(settings.BASE_DIR)), top))
    return found


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_apps_it_may_depend_on(package):
    assert {(path, app) for path, app in imported_apps(package) if app not in MAY_IMPORT[package]} == set()


def test_the_check_sees_the_imports_there_are():
    assert ("agreements/deadlines.py", "cases") in imported_apps("agreements")
