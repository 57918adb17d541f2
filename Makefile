# recindex: `make help` lists every target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run worker test test-cluster test-unit lint bench up down clean browser elasticsearch

help: ## list every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## create .venv and install everything

run: $(STAMP) ## serve the HTTP API on HOST:PORT (embedded index unless ELASTICSEARCH_URL is set)
	exec $(BIN)/python -m cli serve

worker: $(STAMP) ## consume RabbitMQ (RABBITMQ_URL) in the foreground
	exec $(BIN)/python -m cli worker

test: $(STAMP) browser ## run every test (starts its own Elasticsearch node; broker tests need RabbitMQ)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

ES_PORT ?= 9200
ES_DATA_DIR ?= var/elasticsearch

# Elastic's integration-test distribution from Maven Central, on this machine's JDK 17.
elasticsearch: $(STAMP) ## run a local single-node Elasticsearch 8 on 127.0.0.1:ES_PORT (foreground)
	exec $(BIN)/python -m tools.es_node run --port $(ES_PORT) --data-dir $(ES_DATA_DIR)

CHROMIUM ?= /usr/bin/chromium

# The Swagger UI test drives Debian's chromium; without it that test skips, or fails under CI.
browser: ## install Debian's chromium for the browser test (apt-get, only when missing)
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "$(CHROMIUM) is missing: installing Debian's chromium for the Swagger UI test"; \
	  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; } \
	    || echo "apt-get could not install chromium: the browser test will skip (fail in CI)"; \
	else \
	  echo "$(CHROMIUM) is missing and only root can apt-get it: the browser test will skip"; \
	  echo "  (and fail in CI); install it with: sudo apt-get install -y chromium"; \
	fi

test-cluster: $(STAMP) ## the three-node Elasticsearch drill alone (also part of `make test`)
	$(BIN)/python -m pytest -m cluster $(PYTEST_ARGS)

test-unit: $(STAMP) ## run the fast unit tests only (none that needs RabbitMQ, Elasticsearch or Redis)
	$(BIN)/python -m pytest -m "unit and not (broker or elasticsearch or redis)" $(PYTEST_ARGS)

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP) ## print throughput, latency and memory figures
	$(BIN)/python -m bench

up: ## docker compose: Elasticsearch, RabbitMQ, the api and the worker
	docker compose up --build -d

down: ## stop what `make up` started
	docker compose down

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
