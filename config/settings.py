"""Settings for the ICT directive target tracker.

One file, driven by environment variables (django-environ). Production is the
default: DEBUG is off and a SECRET_KEY must be provided unless DEBUG is on.
See .env.example for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Dashboards need a login unless this is on; data entry, history and imports always do.
PUBLIC_DASHBOARDS = env.bool("PUBLIC_DASHBOARDS", default=False)

# A new value more than this many times (or less than 1/this) last year's asks for confirmation.
JUMP_WARNING_FACTOR = env.float("JUMP_WARNING_FACTOR", default=3.0)
# The day (dd/mm) of the next year by which a year's figures are due; reminders and the inbox count to it.
REPORTING_DEADLINE = env.str("REPORTING_DEADLINE", default="31/01")
# Approvers are reminded of figures that have waited more than this many days.
APPROVAL_REMINDER_DAYS = env.int("APPROVAL_REMINDER_DAYS", default=7)
# Editors are reminded of missing figures from this many days before the reporting deadline.
DEADLINE_REMINDER_DAYS = env.int("DEADLINE_REMINDER_DAYS", default=60)

# E-mail: printed to the console unless EMAIL_URL names a server (smtp+tls://user:password@host:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Theo dõi chỉ tiêu CNTT <no-reply@localhost>")
# The address of the site as people open it: e-mails link to their pages from it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Largest .xlsx upload accepted, and the most its parts may expand to once unzipped.
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=2 * 1024 * 1024)
IMPORT_MAX_UNZIPPED_BYTES = env.int("IMPORT_MAX_UNZIPPED_BYTES", default=20 * 1024 * 1024)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our static files: nothing from a CDN
    "provinces",
    "directives",
    "indicators",
    "reporting",  # before django_tasks_db: its db_worker command (reporting/management/commands) wins
    "dashboards",
    "entry",
    "django_tasks",
    "django_tasks_db",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it wraps the view itself: see its docstring.
    "config.middleware.AtomicWritesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "provinces.generations.merger_date",
                "entry.context_processors.waiting",
                "dashboards.fragments.updating",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# No ATOMIC_REQUESTS: a request that only reads (a page, a long export) must not hold a transaction,
# which on SQLite (IMMEDIATE below) would take the write lock and stall every other request.
# AtomicWritesMiddleware runs each POST, PUT, PATCH and DELETE view in one transaction instead.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Behind pgbouncer in transaction pooling, server-side cursors (the streamed exports) break.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DISABLE_SERVER_SIDE_CURSORS", default=False)
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets a long read (a streaming export) run beside writes; IMMEDIATE takes the write lock
    # at the start of a transaction instead of failing with "database is locked" at commit.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking the password
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# Dates typed and shown dd/mm/yyyy (config/formats/<language>/formats.py), the admin's forms included.
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Whitenoise serves the collected files, compressed and with a hash in their names (cached for ever).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Third-party front-end libraries come from npm (package.json), never copied into static/.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/chartjs-plugin-annotation", NODE_MODULES / "chartjs-plugin-annotation" / "dist"),
    ("vendor/chartjs-chart-geo", NODE_MODULES / "chartjs-chart-geo" / "build"),
    ("boundaries", BASE_DIR / "provinces" / "boundaries"),  # the province maps (manage.py build_boundaries)
]

DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_UPLOAD_BYTES + 512 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_UPLOAD_BYTES + 512 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

# --- production: HTTPS behind a TLS-terminating proxy (deploy/nginx), all from the environment ----------
# The proxy sets X-Forwarded-Proto; only trust it when one really stands in front (BEHIND_PROXY).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=not DEBUG)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer asks over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): only this site's own scripts, styles, images and fonts; the
# templates have no inline script or <style>. One dashboard sizes its bar chart with a style attribute
# (a CSS variable), hence style-src-attr.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- cache and sessions: Redis when REDIS_URL is set (every app server sees the same), else local memory ---
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
    CACHES["axes"] = CACHES["default"]
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Failed logins must be counted across gunicorn's workers: the database holds them.
        "axes": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "axes_cache"},
    }

# --- background tasks (django-tasks): the long exports, run by `manage.py db_worker` (make run starts one;
# production: deploy/ict-tracker-worker.service). The queue is a table of the database: no broker to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The full data export runs in the background above this many rows (about 3 s of writing), else in the request.
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=10000)
# Where background exports are written and kept for a day: outside the web root, shared by the app
# servers and the worker of one machine; served only through the view that checks who asks.
EXPORT_DIR = env.path("EXPORT_DIR", default=BASE_DIR / "var" / "exports")

# --- the open-data and integration API (api/, Django REST Framework): README "API" -----------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",  # a provincial system's token (Authorization: Token …)
        "rest_framework.authentication.SessionAuthentication",  # a signed-in reader's browser; CSRF checked
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadsDashboards"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": 100,
    # Counted in the default cache: Redis when REDIS_URL is set, so every app server counts the same requests.
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerClient"],
    "DEFAULT_THROTTLE_RATES": {"api": env.str("API_THROTTLE_RATE", default="120/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Theo dõi chỉ tiêu CNTT — API",
    "DESCRIPTION": (
        "Dữ liệu mở về việc thực hiện các chỉ tiêu công nghệ thông tin của các tỉnh, thành phố: chỉ số, chỉ tiêu, "
        "đơn vị hành chính, số liệu đã phê duyệt, đánh giá tiến độ và báo cáo định kỳ (JSON, hoặc CSV với "
        "`?format=csv`); và API để hệ thống của tỉnh gửi số liệu bằng mã truy cập (Authorization: Token …).\n\n"
        "Open data on how Vietnamese provinces meet the targets of the ICT directives: indicators, targets, "
        "administrative units, approved figures, progress assessments and the periodic report (JSON, or CSV with "
        "`?format=csv`); and a write API through which a province's own system submits figures with a token."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- login throttling (django-axes): 5 failures for one user from one address lock that pair out ---------
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "axes"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # its admin pages show the database handler's records; the cache holds ours

# --- logging: everything to stdout, for systemd's journal ----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
