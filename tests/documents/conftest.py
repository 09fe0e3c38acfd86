import copy
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _test_templates(settings):
    """Templates that exist only for these tests (tests/templates/pdf/...)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).resolve().parent.parent / "templates"]
    settings.TEMPLATES = templates
