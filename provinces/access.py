"""Who may see and do what, checked on the server for every view.

Roles are per province (``Membership``); a superuser is the central administrator.
The predicates are registered with django-rules in ``provinces/rules.py``.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login


def is_central_admin(user):
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def roles_in(user, province):
    """The set of roles ``user`` holds in ``province`` (central admins hold all)."""
    from .models import Membership

    if not (user.is_authenticated and user.is_active):
        return set()
    if is_central_admin(user):
        return set(Membership.Role.values)
    cache = getattr(user, "_province_roles", None)
    if cache is None:
        cache = {}
        for province_id, role in user.memberships.values_list("province_id", "role"):
            cache.setdefault(province_id, set()).add(role)
        user._province_roles = cache
    return cache.get(province.pk, set())


def dashboards_are_public():
    return settings.PUBLIC_DASHBOARDS


def dashboard_view(view):
    """Dashboards need a login unless PUBLIC_DASHBOARDS opens them read-only."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (dashboards_are_public() or request.user.is_authenticated):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
