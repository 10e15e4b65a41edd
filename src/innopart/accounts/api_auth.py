"""How the JSON API knows who calls: a personal API token (`Authorization: Bearer ipt_...`) or the browser's
session. A token that is unknown, revoked or expired is refused with 401 rather than treated as anonymous, so a
program learns at once that its token stopped working."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from . import tokens


def _token_user(secret: str, scope: str | None):
    found = tokens.user_of(secret)
    if found is None:
        raise AuthenticationError(message=_("The API token is unknown, revoked or expired."))
    user, token = found
    if scope and scope not in token.scopes:
        raise AuthorizationError(message=_("This API token does not have the scope %(scope)s.") % {"scope": scope})
    return user


class TokenAuth(HttpBearer):
    """A token with ``scope`` (for the caller's own applications or partnerships)."""

    def __init__(self, scope: str | None = None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        request.user = _token_user(token, self.scope)
        return request.user


class OpenData(HttpBearer):
    """Open data: anyone may read it; a token, when sent, must be valid (and identifies the caller in the logs)."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)

    def authenticate(self, request, token: str):
        return _token_user(token, None)
