"""A provincial system signs its requests with ``Authorization: Token <prefix>.<secret>`` (``provinces.tokens``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from provinces import tokens


class TokenAuthentication(authentication.BaseAuthentication):
    """``request.user`` is the token's user, ``request.auth`` the ApiToken (its unit bounds what it may do)."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization không đúng dạng “Token <mã>”."))
        token = tokens.authenticate(header[1].decode("latin-1"))
        if token is None:
            message = _("Mã truy cập không đúng, đã bị thu hồi hoặc người dùng đã bị khóa.")
            raise exceptions.AuthenticationFailed(message)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token <prefix>.<secret> — mã do quản trị viên cấp cho một tỉnh (a unit's token).",
        }
