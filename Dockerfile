# recindex: the HTTP API (`serve`, the default) and the RabbitMQ worker (`worker`), one image.

# -- build: compile wheels into a virtualenv that the runtime copies as is -------------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --upgrade pip \
    && /opt/venv/bin/pip install -r /tmp/requirements.txt

# -- runtime: no compilers, no pip cache, not root -------------------------------------
FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/var/lib/recindex
RUN groupadd --system --gid 10001 recindex \
    && useradd --system --uid 10001 --gid recindex --home-dir /app --shell /usr/sbin/nologin recindex \
    && mkdir -p /var/lib/recindex && chown recindex:recindex /var/lib/recindex
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY --chown=recindex:recindex . /app
USER recindex
EXPOSE 8080
VOLUME ["/var/lib/recindex"]
# /ready: the index (and the broker when configured) answer; stdlib only, no curl needed.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8080')}/ready\", timeout=4)"]
ENTRYPOINT ["python", "-m", "cli"]
CMD ["serve"]
