"""E-mails about figures: to a unit's approvers when figures are submitted, to its editors when they are
returned (with the reason) or approved; and the reminders of ``manage.py send_reminders``.

Through Django's e-mail framework (the console in development, SMTP from ``EMAIL_URL``). Each e-mail is
written in its recipient's language (``provinces.Preference``), links to the page and speaks of one unit
only, the one the recipient holds a role in. Nobody who switched e-mails off, has no address or is the
person who acted receives one. Sent after the transaction commits, so a rolled-back action tells nobody.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from provinces.models import Membership, Preference

logger = logging.getLogger(__name__)

SUBMITTED, RETURNED, APPROVED = "submitted", "returned", "approved"
# Who hears of what happened in a unit.
AUDIENCE = {
    SUBMITTED: Membership.Role.APPROVER,
    RETURNED: Membership.Role.EDITOR,
    APPROVED: Membership.Role.EDITOR,
}


def link(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def recipients(province, role, exclude=None):
    """Active users holding ``role`` in ``province`` with an address, who did not switch e-mails off."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, memberships__province=province, memberships__role=role)
        .exclude(email="")
        .select_related("preference")
        .distinct()
        .order_by("pk")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return [user for user in users if Preference.of(user).receive_emails]


def message(user, template, context):
    """One e-mail to ``user`` in their language: the first line of the rendered template is its subject."""
    with translation.override(Preference.of(user).language):
        text = render_to_string(template, {**context, "recipient": user}).strip()
    subject, _, body = text.partition("\n")
    return EmailMessage(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])


def send(messages):
    """Send ``messages``; a mail server that fails is logged, never turned into an error for the person."""
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # noqa: BLE001 - the figures are saved; the mail server's trouble is for the log
        logger.exception("sending %s e-mails failed", len(messages))
        return 0


def figures_changed(event, actor, province, year, count, reason=""):
    """Tell the unit's approvers (submitted) or editors (returned, approved), once the change is committed."""
    people = recipients(province, AUDIENCE[event], exclude=actor)
    context = {
        "event": event,
        "actor": actor,
        "province": province,
        "year": year,
        "count": count,
        "reason": reason,
        "url": link("entry-sheet", province.slug, year),
        "preferences_url": link("entry-preferences"),
    }
    messages = [message(user, "entry/email/figures_changed.txt", context) for user in people]
    transaction.on_commit(lambda: send(messages))
    return len(messages)


def reminders(today, days=None):
    """The reminder e-mails for ``today``: to each editor what is still to enter when the reporting
    deadline is at most ``DEADLINE_REMINDER_DAYS`` away, and what was returned; to each approver what
    has waited more than ``days`` days.

    Only the units the recipient holds a role in, even for a central administrator. Returns the messages.
    """
    from . import inbox

    days = settings.APPROVAL_REMINDER_DAYS if days is None else days
    waited_since = today - datetime.timedelta(days=days)
    workers = (
        get_user_model()
        .objects.filter(is_active=True, memberships__role__in=[Membership.Role.EDITOR, Membership.Role.APPROVER])
        .exclude(email="")
        .select_related("preference")
        .distinct()
        .order_by("pk")
    )
    messages = []
    for user in workers:
        if not Preference.of(user).receive_emails:
            continue
        own = set(
            user.memberships.filter(role__in=(Membership.Role.EDITOR, Membership.Role.APPROVER)).values_list(
                "province_id", flat=True
            )
        )
        box = inbox.build(user, today=today, reasons=True)
        items = [item for item in box.items if item.province.pk in own and _reminds(item, today, waited_since)]
        if not items:
            continue
        for item in items:
            item.url = link("entry-sheet", item.province.slug, item.year)
            item.missing = _missing_names(item) if item.kind == inbox.ENTER else []
        context = {
            "today": today,
            "to_approve": [i for i in items if i.kind == inbox.APPROVE],
            "to_fix": [i for i in items if i.kind == inbox.FIX],
            "to_enter": [i for i in items if i.kind == inbox.ENTER],
            "days": days,
            "inbox_url": link("entry-home"),
            "preferences_url": link("entry-preferences"),
        }
        messages.append(message(user, "entry/email/reminder.txt", context))
    return messages


def _reminds(item, today, waited_since):
    from . import inbox

    if item.kind == inbox.APPROVE:
        return item.oldest is not None and item.oldest.date() <= waited_since
    if item.kind == inbox.ENTER:
        lead = datetime.timedelta(days=settings.DEADLINE_REMINDER_DAYS)
        return item.deadline is not None and item.deadline - lead <= today <= item.deadline
    return True  # returned figures wait for their editor whatever the date


def _missing_names(item):
    """The indicators with no figure yet (their names are written in the recipient's language)."""
    from indicators.models import Indicator

    missing = Indicator.objects.provincial().exclude(measurements__province=item.province, measurements__year=item.year)
    return list(missing.order_by("category", "position", "code"))
