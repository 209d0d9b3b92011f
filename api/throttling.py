"""Requests counted per client in the default cache (Redis when REDIS_URL is set: shared by every app server)."""

from rest_framework.throttling import SimpleRateThrottle

from config.middleware import client_ip


class PerClient(SimpleRateThrottle):
    """One count per token, per signed-in user, else per address (the one our proxy saw)."""

    scope = "api"

    def get_cache_key(self, request, view):
        if request.auth is not None and hasattr(request.auth, "pk"):
            client = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            client = f"user-{request.user.pk}"
        else:
            client = f"ip-{client_ip(request)}"
        return self.cache_format % {"scope": self.scope, "ident": client}
