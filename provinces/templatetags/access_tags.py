"""``{% may "approve" province as can_approve %}``: templates ask ``provinces.access``, never a role."""

from django import template

from provinces import access

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action, province):
    user = context.get("user")
    return user is not None and access.may(user, action, province)
