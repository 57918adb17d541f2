# recindex: `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run worker test test-cluster test-unit test-stock jdk broker lint bench up down clean browser elasticsearch

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

test: $(STAMP) lint browser jdk broker ## lint, then run every test (installs and starts what they need)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-stock

# Every test that serves the API in process (the index is the embedded one).
API_TESTS := tests/api tests/fuzz/test_openapi_fuzz.py tests/links/test_api.py \
	tests/links/test_youtube_tmdb_api.py tests/links/test_guard_shutdown.py \
	tests/accounts/*_api.py tests/accounts/test_security.py tests/pages/*_api.py

test-stock: $(STAMP) ## the API's tests again on stock Connexion, STOCK_CONNEXION=true (part of `make test`)
	STOCK_CONNEXION=true $(BIN)/python -m pytest -m "unit and not elasticsearch" $(API_TESTS) $(PYTEST_ARGS)

ES_PORT ?= 9200
ES_DATA_DIR ?= var/elasticsearch

# Elastic's integration-test distribution from Maven Central, on this machine's JDK 17.
elasticsearch: $(STAMP) jdk ## run a local single-node Elasticsearch 8 on 127.0.0.1:ES_PORT (foreground)
	exec $(BIN)/python -m tools.es_node run --port $(ES_PORT) --data-dir $(ES_DATA_DIR)

# The broker tests use the RabbitMQ on 127.0.0.1:5672 (guest/guest); the broker-restart
# drill and the Redis tests start private rabbitmq-server / redis-server nodes.
broker: ## install Debian's rabbitmq-server and redis-server when missing; start RabbitMQ
	@for package in rabbitmq-server redis-server; do \
	  if ! command -v $$package >/dev/null; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      apt-get install -y $$package || { apt-get update && apt-get install -y $$package; }; \
	    else echo "$$package is missing (sudo apt-get install -y $$package): its tests will skip, fail in CI"; fi; \
	  fi; \
	done
	@if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null && command -v rabbitmq-server >/dev/null; then \
	  echo "RabbitMQ is not answering on 127.0.0.1:5672: starting it"; \
	  rabbitmq-server -detached || true; \
	  for _ in $$(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null && break; sleep 1; done; \
	fi

# Elasticsearch runs on a JDK 17 and arrives through Maven (tools/es_node.py).
jdk: ## install Debian's OpenJDK 17 and Maven for the Elasticsearch node (apt-get, only when missing)
	@if command -v java >/dev/null && command -v mvn >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "java or mvn is missing: installing Debian's openjdk-17-jdk-headless and maven"; \
	  apt-get install -y openjdk-17-jdk-headless maven || { apt-get update && apt-get install -y openjdk-17-jdk-headless maven; } \
	    || echo "apt-get could not install them: Elasticsearch tests will skip (fail in CI)"; \
	else \
	  echo "java or mvn is missing and only root can apt-get them: Elasticsearch tests will skip"; \
	  echo "  (and fail in CI); install them with: sudo apt-get install -y openjdk-17-jdk-headless maven"; \
	fi

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

bench: $(STAMP) jdk broker ## measure throughput, latency, memory and link quality; writes docs/benchmarks.md
	$(BIN)/python -m bench --write docs/benchmarks.md

up: ## docker compose: Elasticsearch, RabbitMQ, the api and the worker
	docker compose up --build -d

down: ## stop what `make up` started
	docker compose down

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
