# The two commands a newcomer needs: `make run` and `make test`.
# Set DATABASE_URL=postgres://user@host:5432/db to use PostgreSQL instead of the embedded SQLite.
# Settings come from the environment and from .env; the Makefile never sets DEBUG. `make setup` writes a
# development .env (DEBUG=1, a random SECRET_KEY) only when there is none: a server keeps its own.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: setup run demo serve backup restore test lint messages clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

messages: locale/vi/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

.env:
	@echo "# Written by 'make setup' for development; never committed. A server's .env sets DEBUG=0 (see .env.example)." > $@
	@echo "DEBUG=1" >> $@
	@echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> $@
	@echo "make: wrote a development .env (DEBUG=1)"

setup: $(BIN)/.installed node_modules/.installed messages .env
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_units
	$(BIN)/python manage.py load_documents

# Demo figures and the demo accounts (password 'demo'); refused before writing anything when DEBUG is off.
demo: setup
	$(BIN)/python manage.py load_demo --users

run: setup demo
	@echo
	@echo "  ICT directive tracker: http://127.0.0.1:$(PORT)/   (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "  Demo logins, all with the password 'demo':"
	@echo "    admin            central administrator"
	@echo "    phutho-editor    Phú Thọ, enters figures"
	@echo "    phutho-approver  Phú Thọ, approves figures"
	@echo "    phutho-viewer    Phú Thọ, reads dashboards"
	@echo "    laocai-editor    Lào Cai, enters figures"
	@echo "  A background worker (long exports) runs beside the server; Ctrl+C stops both."
	@echo
	$(BIN)/python manage.py db_worker --reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production configuration on this machine: DEBUG off, collected static files served by whitenoise,
# gunicorn on PORT. Plain HTTP here, so the HTTPS-only settings a server behind its proxy keeps are off.
serve: setup
	DEBUG=0 $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DEBUG=0 BEHIND_PROXY=0 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
		PORT=$(PORT) $(BIN)/gunicorn --config config/gunicorn.py config.wsgi

# make backup [BACKUP_DIR=backups]; make restore FILE=backups/… [FORCE=1].  pg_dump/pg_restore for
# PostgreSQL, SQLite's online backup for the embedded database. restore refuses while the servers run.
BACKUP_DIR ?= backups
backup: $(BIN)/.installed .env
	$(BIN)/python scripts/backup.py backup $(BACKUP_DIR)

restore: $(BIN)/.installed .env
	@test -n "$(FILE)" || (echo "make restore FILE=path/to/backup" && false)
	FORCE=$(FORCE) $(BIN)/python scripts/backup.py restore $(FILE)

# Every test that takes 20 s or more is named at the end (slowest first).
test: setup
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto --dist loadfile --durations=0 --durations-min=20
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 locale/*/LC_MESSAGES/*.mo  # .env and backups/ are kept
