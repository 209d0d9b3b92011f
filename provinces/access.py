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
    "comment": (ENTER, APPROVE),  # write in a figure's thread (everyone who may view reads it)
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
    return _roles_by_province(user).get(province.pk, set())


def _roles_by_province(user):
    """{province id: roles} of a (signed-in, non-admin) user, read once per user object."""
    cache = getattr(user, "_province_roles", None)
    if cache is None:
        cache = {}
        for province_id, role in user.memberships.values_list("province_id", "role"):
            cache.setdefault(province_id, set()).add(role)
        user._province_roles = cache
    return cache


def province_ids_with(user, *wanted):
    """Ids of the provinces where ``user`` holds any of the ``wanted`` roles; None for a central admin (all)."""
    if is_central_admin(user):
        return None
    if not (user.is_authenticated and user.is_active):
        return set()
    return {pk for pk, roles in _roles_by_province(user).items() if roles & set(wanted)}


def scope_key(user):
    """What sets apart the dashboards ``user`` sees from anyone else's: a key for cached pages.

    Pages differ by user only through this module (``may``: the report links) and the province a
    user's pages open on (``home_province``), and both follow from the roles held in each province;
    so two users with the same key see the same page, and a cache keyed by it never shows one
    user's links to another.
    """
    if not (user.is_authenticated and user.is_active):
        return "anonymous"
    if is_central_admin(user):
        return "central-admin"
    roles = _roles_by_province(user)
    return "roles:" + ";".join(f"{pk}={'+'.join(sorted(held))}" for pk, held in sorted(roles.items()))


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


def provinces_of(user):
    """The provinces whose data pages ``user`` may open: every one for a central admin, else those with a role."""
    from .models import Province

    if is_central_admin(user):
        return Province.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Province.objects.none()
    return Province.objects.filter(memberships__user=user).distinct()


def home_province(user, current=False):
    """The province ``user`` holds a role in, of the generation asked (a leader's pages open on it)."""
    if not (user.is_authenticated and user.is_active):
        return None
    memberships = list(user.memberships.select_related("province", "province__successor"))
    found = next((m.province for m in memberships if m.province.is_current == current), None)
    if found is None and current:  # a role in a pre-merger unit only: the unit it merged into, today
        found = next((m.province.successor for m in memberships if m.province.successor_id), None)
    return found


def landing_place(user, waiting=0):
    """Where ``user`` starts after login: ("inbox", None) for those who enter or approve figures when
    ``waiting`` (the count of their work inbox) is not zero, else ("entry", province) for them;
    ("dashboard", province) for a province's viewers (the unit as it is today first: its page links
    the pre-merger units it was formed from), else ("home", None)."""
    from .models import Membership

    if is_central_admin(user) or not user.is_authenticated:
        return ("home", None)
    memberships = list(user.memberships.select_related("province").order_by("-province__valid_from"))
    workers = [m for m in memberships if m.role in (Membership.Role.EDITOR, Membership.Role.APPROVER)]
    if workers and waiting:
        return ("inbox", None)
    if workers:
        return ("entry", workers[0].province)
    if memberships:
        current = [m for m in memberships if m.province.is_current]
        return ("dashboard", (current or memberships)[0].province)
    return ("home", None)


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
