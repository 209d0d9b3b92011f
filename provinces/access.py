"""Who may see and do what: the one place that answers it, for views and templates alike.

Roles are per province (``Membership``: editor, approver, viewer); a superuser is the central
administrator. The role predicates are django-rules permissions (``provinces/rules.py``); views ask
``province_for`` / ``require``, templates ask ``{% may "approve" province as can %}``
(``provinces/templatetags/access_tags.py``), both through ``may`` below.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

VIEW = "provinces.view_province_data"
ENTER = "provinces.enter_figures"
APPROVE = "provinces.approve_figures"

# What a user may do with a province's data, and the permission (or permissions: any of them) it needs.
ACTIONS = {
    "view": (VIEW,),  # its pages beyond the public dashboards: entry overview, history, its report
    "enter": (ENTER,),  # type, save and submit figures; import a filled template
    "approve": (APPROVE,),  # approve, return, reopen
    "template": (ENTER, APPROVE),  # download the import template
    "report": (VIEW,),  # download the periodic report
}


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


def may(user, action, province):
    """Whether ``user`` may do ``action`` (a key of ACTIONS) with ``province``'s data.

    ``province`` None stands for the whole country: its report is open to every signed-in user,
    the people who see the national dashboards (it records who produced it, so never anonymous).
    """
    if province is None:
        return action in ("view", "report") and bool(user.is_authenticated and user.is_active)
    return any(user.has_perm(perm, province) for perm in ACTIONS[action])


def require(user, action, province):
    if not may(user, action, province):
        name = province.name if province is not None else _("toàn quốc")
        raise PermissionDenied(_("Bạn không có quyền này với số liệu của %(province)s.") % {"province": name})


def province_for(user, slug, action="view"):
    """The province named in the URL, if ``user`` may do ``action`` there; 404 or 403 otherwise."""
    from .models import Province

    province = get_object_or_404(Province, slug=slug)
    require(user, action, province)
    return province


def dashboards_are_public():
    return settings.PUBLIC_DASHBOARDS


def may_see_dashboards(user):
    return dashboards_are_public() or user.is_authenticated


def dashboard_view(view):
    """Dashboards need a login unless PUBLIC_DASHBOARDS opens them read-only."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_see_dashboards(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
