# The two commands a newcomer needs: `make run` and `make test`.
# Set DATABASE_URL=postgres://user@host:5432/db to use PostgreSQL instead of the embedded SQLite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DEBUG ?= 1

.PHONY: setup run test lint messages clean

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

setup: $(BIN)/.installed node_modules/.installed messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_units
	$(BIN)/python manage.py load_documents
	$(BIN)/python manage.py load_demo --users

run: setup
	@echo
	@echo "  ICT directive tracker: http://127.0.0.1:$(PORT)/   (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "  Demo logins, all with the password 'demo':"
	@echo "    admin            central administrator"
	@echo "    phutho-editor    Phú Thọ, enters figures"
	@echo "    phutho-approver  Phú Thọ, approves figures"
	@echo "    phutho-viewer    Phú Thọ, reads dashboards"
	@echo "    laocai-editor    Lào Cai, enters figures"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto --dist loadfile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 locale/*/LC_MESSAGES/*.mo
