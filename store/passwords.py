"""Password hashes (argon2id): pure functions, no database.

They live below the API because the store (seeding users) and the CLI need them as much as
sign-in does.
"""

import uuid
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash (salted, with its parameters) of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches; never raises for a wrong password or a malformed hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's (rehash after sign-in)."""
    return _hasher.check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(uuid.uuid4().hex)


def burn_verification(password: str) -> None:
    """Spend the time of one verification, so an unknown username answers as slowly as a
    known one with a wrong password (no username probing by timing)."""
    verify_password(_dummy_hash(), password)
