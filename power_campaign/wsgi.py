import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "power_campaign.settings")

from power_campaign.settings import prepare_var_dir  # once the settings module is chosen

prepare_var_dir()  # the SQLite folder: importing the settings writes nothing
application = get_wsgi_application()
