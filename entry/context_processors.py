"""The header's "Nhập số liệu (n)" / "Phê duyệt (n)" on every page, from the work inbox."""

from django.utils.functional import SimpleLazyObject

from . import inbox


def waiting(request):
    """``{{ waiting }}``: the user's inbox, built only when a page asks for it (never for anonymous visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"waiting": SimpleLazyObject(lambda: inbox.for_request(request))}
