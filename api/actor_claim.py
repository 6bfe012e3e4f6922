"""The API's side of the actor claim: every ``Aktor`` it sends to a workflow is signed.

The worker's validators refuse an actor without a good claim (``wire.klaim``); the key is
ACTOR_CLAIM_KEY, the same in the API and the worker.
"""

from config import get_settings
from wire import klaim
from wire.sop import Aktor


class MissingActorClaimKey(RuntimeError):
    """ACTOR_CLAIM_KEY is not set (or too short): the API cannot sign actors."""


def actor_claim_key() -> str:
    """The key actors are signed with; raises ``MissingActorClaimKey`` with the fix."""
    secret = get_settings().actor_claim_key
    key = secret.get_secret_value() if secret else ""
    if len(key) < klaim.MIN_KEY_LENGTH:
        raise MissingActorClaimKey(
            f"ACTOR_CLAIM_KEY belum diatur atau kurang dari {klaim.MIN_KEY_LENGTH} karakter; "
            "API tidak dapat menandatangani aktor. Simpan kunci yang sama dengan milik worker "
            "di variabel lingkungan ACTOR_CLAIM_KEY (`make dev` membuatnya sendiri di "
            ".data/actor-claim-key)."
        )
    return key


def signed_aktor(aktor: Aktor) -> Aktor:
    """``aktor`` with a claim issued now."""
    return klaim.sign(aktor, actor_claim_key())
