"""The demo's people. They all sign in with one published password (data.PASSWORD)."""

from functools import cache

from django.contrib.auth.hashers import make_password

from innopart.accounts.models import User

from . import data


@cache
def _password_hash() -> str:
    # Hashed once: argon2 is slow on purpose (about 0.12 s a hash) and nineteen hashes were 2.4 s of a 16-second
    # demo. The accounts share a password everyone knows, so their sharing one salt hides nothing either.
    return make_password(data.PASSWORD)


def demo_user(email: str, full_name: str) -> User:
    """The demo person with this address, created the first time."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email.lower(), full_name=full_name, password=_password_hash())
    return user
