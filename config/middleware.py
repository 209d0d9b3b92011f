from django.conf import settings
from django.db import transaction


class VietnameseByDefaultMiddleware:
    """Vietnamese unless the user picked another language with the switch in the header.

    Django would otherwise follow the browser's Accept-Language, and an official's browser set
    to English would open a Vietnamese government product in English. Sits before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META["HTTP_ACCEPT_LANGUAGE"] = settings.LANGUAGE_CODE
        return self.get_response(request)


class AtomicWritesMiddleware:
    """Runs the view of every request that may write (not GET, HEAD, OPTIONS) in one transaction.

    What ATOMIC_REQUESTS did, without holding a transaction (on SQLite: the write lock) through a
    page or an export that only reads. Placed last, so that an exception rolls the view back before
    Django turns it into an error page.
    """

    SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in self.SAFE:
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)


def client_ip(request):
    """The visitor's address for login throttling: the one our proxy saw (X-Real-IP) when behind it."""
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR", "")
