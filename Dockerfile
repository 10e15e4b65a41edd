# Innopart's container image: `docker build -t innopart .` (docs/deployment.md; compose.yaml runs it).
# Stage 1 builds the virtual environment with the compilers; stage 2 copies it into a slim image without them.

FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/innopart/venv
ENV PATH=/opt/innopart/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir --upgrade pip \
 && pip install --no-cache-dir .
# Static files are collected once, at build: compressed and with hashed names for WhiteNoise.
RUN DEBUG=false SECRET_KEY=build-only INNOPART_VAR_DIR=/tmp/build STATIC_ROOT=/opt/innopart/static \
    innopart collectstatic --noinput --verbosity 0

FROM python:3.11-slim-bookworm
# Pango and fonts for the PDFs (WeasyPrint); PostgreSQL's client for backups (pg_dump, pg_restore).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system innopart \
 && useradd --system --gid innopart --home-dir /var/lib/innopart --create-home innopart
COPY --from=build /opt/innopart /opt/innopart
COPY deploy/docker/entrypoint.sh /usr/local/bin/innopart-entrypoint
ENV PATH=/opt/innopart/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DEBUG=false \
    INNOPART_VAR_DIR=/var/lib/innopart \
    STATIC_ROOT=/opt/innopart/static \
    BACKUP_DIR=/var/lib/innopart/backups \
    INNOPART_BIND=0.0.0.0:8000 \
    LOG_FORMAT=json
USER innopart
WORKDIR /var/lib/innopart
VOLUME ["/var/lib/innopart"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
ENTRYPOINT ["innopart-entrypoint"]
CMD ["web"]
