# KomInn's tasks. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
SCALE ?= small
DURATION ?= 5
CONNECTIONS ?= 50

help: ## List the tasks
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@python=$$(scripts/find-python) || { \
		echo "KomInn needs Python 3.12 or newer, and none was found."; \
		echo "Install one, e.g. 'pyenv install 3.13' or 'apt-get install python3.13 python3.13-venv',"; \
		echo "then run make again."; exit 1; }; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "KomInn needs Node.js and npm (20 or newer) for its CSS and test tools."; \
		echo "Install them, e.g. 'apt-get install nodejs npm', then run make again."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed ## Install Python and npm packages when missing

run: install ## Migrate, load demo data (and print each demo municipality's address), send queued mail, run the periodic jobs and serve http://127.0.0.1:8000/
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --address $(HOST):$(PORT)
	@echo "Mail this run writes, decoded: http://$(HOST):$(PORT)/_mail/"
	@# The mail worker and the scheduler run beside the web server; Ctrl-C stops all three.
	@$(PY) manage.py send_mail_queue & worker=$$!; \
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install ## Production mode: migrate, collect static files, run gunicorn, the mail worker and the scheduler
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input
	@# Ctrl-C or SIGTERM stops all three, each after the work in progress.
	DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-60} \
		$(PY) scripts/serve.py --bind $(HOST):$(PORT) --workers $(WORKERS)

test: install ## Run the whole test suite (browser tests included)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## Check code style with ruff, and bandit's security findings (as make audit does)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# bandit warns on stderr about every justified `# nosec`; its findings go to stdout.
	@set -o pipefail; $(VENV)/bin/bandit -q -r kominn scripts audit bench manage.py \
		-x '*/tests/*,audit/test_*.py' --severity-level medium 2>&1 | { grep -v WARNING || true; }

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update and compile the translations in locale/
	$(PY) manage.py makemessages -l nb -l nn --ignore=.venv --ignore=node_modules --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

theme: node_modules/.installed ## Rebuild the Designsystemet theme from frontend/designsystemet.config.json
	cd frontend && npx designsystemet tokens create --clean
	npx designsystemet tokens build -t var/design-tokens -o var/theme-build --clean
	cp var/theme-build/asker.css kominn/static/css/asker-theme.css

lock: install ## Pin every Python package after changing pyproject.toml
	$(PY) scripts/lock.py

audit: install ## Security and reliability figures against a production-mode server started for it (docs/security.md)
	$(PY) -m audit $(AUDIT_ARGS)

bench: install ## Time search and related items on both engines with 100 000 generated documents
	$(PY) bench/search_bench.py $(BENCH_ARGS)

generate: install ## Generate content at real volume into the configured database (SCALE=small or national)
	$(PY) manage.py migrate --no-input
	$(PY) bench/generate.py --scale $(SCALE) $(GENERATE_ARGS)

loadtest: install ## Load-test every page type on the production server against a hello-world floor
	$(PY) manage.py migrate --no-input
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-collectstatic} $(PY) manage.py collectstatic --no-input -v0
	@command -v wrk >/dev/null || echo "wrk is not installed (apt-get install wrk): using a slower Python generator."
	$(PY) scripts/loadtest.py --duration $(DURATION) --connections $(CONNECTIONS) \
		--workers $(WORKERS) $(LOADTEST_ARGS)

lighthouse: install ## Lighthouse's four scores and transfer size of the main pages on the production server
	$(PY) manage.py migrate --no-input
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-collectstatic} $(PY) manage.py collectstatic --no-input -v0
	$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

clean: ## Remove the virtualenv, node_modules and local data in var/
	rm -rf $(VENV) node_modules var

.PHONY: help install run serve test lint format messages theme lock audit bench generate loadtest lighthouse clean
