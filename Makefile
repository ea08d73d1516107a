# Two commands for a new user: `make run` and `make test`. Everything else is a step they call.
PYTHON ?= python3.11
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app:create_app

.PHONY: run test test-sqlite test-postgres test-browser bench assets db demo translations clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

assets: node_modules/.installed

instance:
	mkdir -p instance

# The app refuses to start without SECRET_KEY outside debug mode. `make run` makes a random key once, keeps it in
# instance/ (not in git), and passes it to every flask command; a SECRET_KEY set in the environment wins.
instance/secret_key: | $(BIN)/activate instance
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@
FLASK := SECRET_KEY="$${SECRET_KEY:-$$(cat instance/secret_key)}" $(BIN)/flask

db: $(BIN)/activate instance/secret_key
	$(FLASK) db upgrade

demo: db
	$(FLASK) demo

run: $(BIN)/activate assets demo
	@echo "Participatie-assistent draait op http://127.0.0.1:$(PORT) — log in als demo@voorbeeldstad.nl / participatie-demo"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# The whole suite on SQLite; against PostgreSQL as well when TEST_POSTGRES_URL is set (CI sets it).
test: $(BIN)/activate assets
	$(BIN)/python -m pytest -q
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "--- De tests opnieuw, tegen PostgreSQL ---"; \
		TEST_DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/python -m pytest -q -m "not browser" -p no:cacheprovider; \
	fi

bench: $(BIN)/activate
	$(BIN)/python bench/ordinance.py
	$(BIN)/python bench/documents.py 30 --before f155012
	$(BIN)/python bench/versions.py
	$(BIN)/python bench/atelier_dashboard.py
	$(BIN)/python bench/step_page.py
	$(BIN)/python bench/atelier.py
	$(BIN)/python bench/projects.py
	$(BIN)/python bench/benchmark.py
	$(BIN)/python bench/loket.py
	$(BIN)/python bench/cases.py
	$(BIN)/python bench/cold_start.py

# Collect every interface text (Dutch is the source language) into messages.pot for translators; see babel.cfg.
translations: $(BIN)/activate
	$(BIN)/pybabel extract -F babel.cfg -k _l -o messages.pot .

clean:
	rm -rf $(VENV) node_modules .pytest_cache
