"""`pytest` run bare from the project root: development settings (DEBUG on unless the environment says
otherwise) with a temporary VAR_DIR, removed afterwards, so that a test run never reads or writes var/.

This runs when pytest loads this file, before any test module imports Django, and sets Django up itself
(pytest-django then only blocks database access outside the tests that ask for it).
"""

import os
import shutil
import tempfile

import django

os.environ.setdefault("DEBUG", "true")
os.environ["VAR_DIR"] = VAR_DIR = tempfile.mkdtemp(prefix="power-campaign-tests-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "power_campaign.settings")

from power_campaign.settings import prepare_var_dir  # after the environment above

prepare_var_dir()
django.setup()


def pytest_unconfigure(config):
    shutil.rmtree(VAR_DIR, ignore_errors=True)
