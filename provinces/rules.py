"""Object permissions on a Province, for django-rules (``user.has_perm(perm, province)``)."""

import rules

from .access import APPROVE, ENTER, VIEW, is_central_admin, roles_in


@rules.predicate
def central_admin(user):
    return is_central_admin(user)


def _has_role(*wanted):
    @rules.predicate(name=f"has_role_{'_'.join(wanted)}")
    def predicate(user, province):
        return province is not None and bool(roles_in(user, province) & set(wanted))

    return predicate


is_editor = _has_role("editor")
is_approver = _has_role("approver")
is_member = _has_role("editor", "approver", "viewer")

rules.add_perm(VIEW, central_admin | is_member)
rules.add_perm(ENTER, central_admin | is_editor)
rules.add_perm(APPROVE, central_admin | is_approver)
