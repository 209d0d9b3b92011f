"""gunicorn's settings, from the environment: `gunicorn --config config/gunicorn.py config.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: every request is short except the exports, which stream from a temporary file.
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
max_requests = 2000  # recycle a worker now and then, so that memory cannot creep
max_requests_jitter = 200
accesslog = "-"  # both logs to stdout/stderr: systemd's journal keeps them
errorlog = "-"
# The proxy in front (deploy/nginx) is on this machine or named here; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket: systemd controls the servers, and two servers on one machine would share its path.
control_socket_disable = True
