#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "power_campaign.settings")
    from django.core.management import execute_from_command_line

    from power_campaign.settings import prepare_var_dir

    prepare_var_dir()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
