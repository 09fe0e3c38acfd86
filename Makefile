# POWER Campaign case desk. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test install check-system migrate lint bench loadtest clean

# Development defaults: DEBUG on, SQLite under var/ (set DATABASE_URL for PostgreSQL).
run test migrate lint bench: export DEBUG ?= true

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet --group test
	touch $@

install: $(VENV)/.installed check-system
	@$(VENV)/bin/pybabel compile --statistics -d locale -D django

check-system: $(VENV)/.installed
	@$(PY) -c 'import weasyprint' 2>/dev/null || { echo "WeasyPrint cannot load Pango: install it (Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango)."; exit 1; }

migrate: install
	$(PY) manage.py migrate --no-input

run: migrate
	$(PY) manage.py seed_demo --once
	@$(PY) manage.py audit_checkpoint --schedule >/dev/null
	@$(PY) manage.py expire_agreements --schedule >/dev/null
	@$(PY) manage.py warm_dashboards --schedule >/dev/null
	@echo "Starting the task worker and the site at http://$(ADDRESS)/ (Ctrl-C stops both)."
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(ADDRESS)

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

bench: install
	$(PY) bench/run.py

# The production server (gunicorn, DEBUG off, a db_worker) under 50 virtual users for 60 s, on the
# benchmark database (seeded by `make bench`; --seed seeds it if needed). LOADTEST_ARGS: see --help.
loadtest: install
	$(PY) -m pip install --quiet --group bench
	$(PY) bench/load.py --seed $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) var
