"""The write API's tokens: issued by an administrator, shown once, stored hashed, revocable.

A token is ``<prefix>.<secret>``: the prefix finds the row, the secret is checked against its
SHA-256 (a random 256-bit secret needs no slow hash: nothing to guess from it). A token acts as its
user, and only as an editor of its unit: ``provinces.access.may_with_token`` says what it may do.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import roles_in
from .models import ApiToken, Membership

# last_used_at is written at most this often per token: a busy client must not write on every request.
LAST_USED_EVERY = timedelta(minutes=1)


def _digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def check_holder(user, province):
    """A token is only for a user who enters the unit's figures (its editor role)."""
    if Membership.Role.EDITOR not in roles_in(user, province) or user.is_superuser:
        raise ValidationError(
            _("Chỉ cấp mã cho người có vai trò nhập liệu của %(province)s (không phải quản trị).")
            % {"province": province.name}
        )


def issue(name, province, user, created_by=None):
    """(ApiToken, the token text): the text is never stored, show it once."""
    check_holder(user, province)
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name, province=province, user=user, prefix=prefix, key_hash=_digest(secret), created_by=created_by
    )
    return token, f"{prefix}.{secret}"


def revoke(token):
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def authenticate(text):
    """The active ApiToken that ``text`` is, else None; notes when it was last used."""
    prefix, _dot, secret = (text or "").partition(".")
    if not prefix or not secret:
        return None
    token = ApiToken.objects.active().select_related("province", "user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.key_hash, _digest(secret)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
