"""Who may call what: public reading follows the dashboards, a token only acts on its own unit.

Every rule of who may see or enter a province's data stays in ``provinces.access``; this module
only adds what a token is: its user, as an editor of its one unit, and nothing more.
"""

from rest_framework import permissions

from provinces import access
from provinces.models import ApiToken


def token_of(request):
    return request.auth if isinstance(request.auth, ApiToken) else None


def may(request, action, province):
    """``access.may`` for the request's user; a token acts only on its unit and never approves."""
    token = token_of(request)
    if token is not None and (token.province_id != province.pk or action not in ("view", "enter", "report")):
        return False
    return access.may(request.user, action, province)


class ReadsDashboards(permissions.BasePermission):
    """The published lists: anyone when PUBLIC_DASHBOARDS, else a signed-in reader or a token; reading only."""

    def has_permission(self, request, view):
        if request.method not in permissions.SAFE_METHODS:
            return False
        return token_of(request) is not None or access.may_see_dashboards(request.user)


class FiguresAccess(permissions.BasePermission):
    """A unit's figures of a year, drafts included: read by those who may view the unit, written with its token.

    The unit is checked by the view (``views.unit_for``), which knows it; here only who may try at all.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated)
        return token_of(request) is not None
