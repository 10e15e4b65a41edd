"""One settings module, read from the environment through small typed helpers.

Every variable is documented in the README. With no environment at all the platform runs on SQLite in
DEBUG mode, which is what `make demo` and `make test` need on a fresh machine.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("INNOPART_VAR_DIR", PROJECT_DIR / "var"))


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value is None or value == "" else int(value)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (docs/deployment.md).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_structlog",
    "django_prometheus",
    "innopart.core",
    "innopart.ops",
    "innopart.accounts",
    "innopart.organisations",
    "innopart.calls",
    "innopart.applications",
    "innopart.evaluation",
    "innopart.observatory",
    "innopart.diagnosis",
    "innopart.matchmaking",
    "innopart.partnerships",
    "innopart.workspace",
    "innopart.demo",
]

MIDDLEWARE = [
    # Probes and metrics answer before host checks and HTTPS redirects: load balancers call by address, over HTTP.
    "innopart.ops.middleware.ProbeMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An ETag on every GET answer and 304 Not Modified when the client has it: public data and the API are read
    # again and again by the same readers and tools.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, so that every line logged during the request carries the user's id.
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads the body (CSRF reads the form): an oversized upload is refused from its declared size.
    "innopart.core.uploads.RequestSizeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "innopart.urls"
WSGI_APPLICATION = "innopart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innopart.workspace.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'innopart.sqlite3'}"),
        conn_max_age=60,
        # A connection kept across requests is checked first: after a database restart or fail-over the next
        # request reconnects instead of failing once per worker thread.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing at once (the dev server and the task worker share it).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
# The same engines, counting queries and their durations for /metrics (django-prometheus).
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends.", 1
)
PROMETHEUS_EXPORT_MIGRATIONS = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:start"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling: five failures per user name and client address lock that name out from that address for 15
# minutes (a stranger elsewhere cannot lock a user out); LOGIN_FAILURES_PER_ADDRESS failures from one address across
# any user names lock the address out (password spraying). Behind a reverse proxy the client address is read from
# X-Forwarded-For as written by the TRUSTED_PROXIES (innopart.accounts.addresses).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "innopart.accounts.addresses.client_ip"
AXES_USERNAME_CALLABLE = "innopart.accounts.addresses.login_name"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # Django's login form, though users sign in with their e-mail
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("lt", _("Lithuanian"))]
FORMAT_MODULE_PATH = ["innopart.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Vilnius")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production WhiteNoise serves what `innopart collectstatic` wrote: compressed, with content-hashed names that
# can be cached for ever. In development Django's finders serve the source files as they are edited.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Only the hashed names are referenced by the pages; source maps (the API docs' bundles) are not worth compressing.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_AUTOREFRESH = DEBUG  # development: files as edited, no collectstatic
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "woff",
    "woff2",
    "br",
    "map",
]
# Uploads live outside the web root and are only ever served by views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
# Uploaded and generated files (letters of commitment, decision letters, reports): in MEDIA_ROOT, or, with
# S3_BUCKET, in an S3-compatible bucket (AWS, MinIO, Ceph...) through django-storages: `pip install innopart[s3]`.
S3_BUCKET = env_str("S3_BUCKET", "")
STORAGES["private"] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", "uploads"),
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(MEDIA_ROOT)}}
)
# Per kind of file (innopart.core.uploads): PDF documents, and the observatory's data imports.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_MAX_DATA_BYTES = env_int("UPLOAD_MAX_DATA_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Innopart <noreply@innopart.invalid>")

# Workers pick from these queues (`innopart worker --queue-name a,b`); all tasks use "default" today.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": env_list("TASK_QUEUES", "default")}}

# One process: memory. Several web nodes share a cache through Redis (CACHE_URL=redis://host:6379/0).
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Operations: readiness, metrics and the task worker's heartbeat (innopart.ops; docs/deployment.md).
READYZ_WORKER_MAX_AGE = env_int("READYZ_WORKER_MAX_AGE", 120)  # seconds; 0: readiness ignores the worker
READYZ_MIN_FREE_DISK_MB = env_int("READYZ_MIN_FREE_DISK_MB", 500)
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
# A running task whose worker has not beaten for this long is taken back (innopart.ops.recovery).
WORKER_LOST_AFTER_SECONDS = env_int("WORKER_LOST_AFTER_SECONDS", 6 * WORKER_HEARTBEAT_SECONDS)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)  # starts of a task whose workers died, before it is failed
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128")
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
# Eurostat's dissemination API (JSON-stat 2.0): `innopart import eurostat` and the analysts' refreshes. The tests point
# it at a local server that replays recorded answers; downloads are kept in the cache directory.
EUROSTAT_API_URL = env_str(
    "EUROSTAT_API_URL", "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data"
).rstrip("/")
EUROSTAT_CACHE_DIR = Path(env_str("EUROSTAT_CACHE_DIR", str(VAR_DIR / "cache" / "eurostat")))
EUROSTAT_TIMEOUT_SECONDS = env_int("EUROSTAT_TIMEOUT_SECONDS", 120)
INNOPART_WRITABLE_DIRS = [EUROSTAT_CACHE_DIR]

# Strict CSP: no inline scripts or styles anywhere, so the policy needs no exceptions.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (docs/deployment.md); never without one.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxy's X-Request-ID (nginx's $request_id) ties its access log to ours; believed only behind a proxy.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = BEHIND_TLS_PROXY
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", "")

# Logs: readable lines by default, one JSON object per line for an operator's collector with LOG_FORMAT=json.
# django-structlog writes one line per request (request id, user id, status; innopart.ops.logs adds the duration)
# and innopart.ops.logs one per task.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "structlog.stdlib.ProcessorFormatter",
            "processors": "ext://innopart.ops.logs.json_renderer",
            "foreign_pre_chain": "ext://innopart.ops.logs.FOREIGN_PRE_CHAIN",
        },
        "text": {
            "()": "structlog.stdlib.ProcessorFormatter",
            "processors": "ext://innopart.ops.logs.text_renderer",
            "foreign_pre_chain": "ext://innopart.ops.logs.FOREIGN_PRE_CHAIN",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Requests and tasks are logged at INFO whatever the root level, once LOG_FORMAT asks for machine logs.
        "django_structlog": {"level": "INFO" if LOG_FORMAT == "json" else LOG_LEVEL},
        "innopart": {"level": "INFO" if LOG_FORMAT == "json" else LOG_LEVEL},
        # Its traceback per failed probe would flood the log; innopart.ops.health logs one line naming the checks.
        "health_check": {"level": "ERROR"},
    },
}
