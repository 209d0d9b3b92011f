"""The real settings, plus the bare view's URL and a middleware that counts queries."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench_site.urls"
# Outermost, so it counts every query of the request (sessions and auth included).
MIDDLEWARE = ["bench_site.middleware.count_queries", *MIDDLEWARE]

# A page that fails under load (a lock timeout, say) prints its traceback to gunicorn's stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False}},
}
