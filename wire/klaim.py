"""The actor claim: the API's signature over who acts, checked by every update validator.

The API builds the ``Aktor`` from the signed-in user and signs it (``sign``); the worker's
validators check the signature (``refusal``) before anything reaches the history, so a
client that reaches Temporal directly cannot act under a name or office it made up.

Design:
- The claim is ``"<issued-at>.<signature>"`` in ``Aktor.klaim``: the issued-at time in whole
  seconds since the epoch, and HMAC-SHA256 (hex) with a key the API and the worker share
  over that time and the actor's every other field (name, NIP, username, title, unit,
  office, roles, appointment) in canonical JSON. Changing any field breaks the signature.
- A claim is good for ``MAX_AGE`` after it is issued (the API signs each request anew), and
  at most ``MAX_SKEW`` ahead of the worker's clock. Validators do not run on replay, so
  they may read the worker's wall clock, and a rotated key never breaks a history.
- The worker sets the key once at start (``configure``); workflow code may not read the
  environment. This module is passed through the sandbox, so every workflow shares it.
  Without a key, every human update is refused: unsigned actors are never accepted.
"""

import hashlib
import hmac
import json
import time

from wire.sop import Aktor

MIN_KEY_LENGTH = 32
MAX_AGE_SECONDS = 10 * 60
MAX_SKEW_SECONDS = 2 * 60

_key: bytes | None = None


class KunciKlaimTidakSah(ValueError):
    """The actor claim key is missing or shorter than ``MIN_KEY_LENGTH``."""


def _as_key(key: str | None) -> bytes:
    if not key or len(key) < MIN_KEY_LENGTH:
        raise KunciKlaimTidakSah(
            f"ACTOR_CLAIM_KEY belum diatur atau kurang dari {MIN_KEY_LENGTH} karakter."
        )
    return key.encode("utf-8")


def configure(key: str | None) -> None:
    """Set the key this process's validators check claims with (``None``: refuse all)."""
    global _key
    _key = _as_key(key) if key else None


def is_configured() -> bool:
    return _key is not None


def _message(aktor: Aktor, issued_at: int) -> bytes:
    fields = aktor.model_dump(mode="json", exclude={"klaim"})
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{issued_at}.{body}".encode()


def _signature(key: bytes, aktor: Aktor, issued_at: int) -> str:
    return hmac.new(key, _message(aktor, issued_at), hashlib.sha256).hexdigest()


def sign(aktor: Aktor, key: str, now: float | None = None) -> Aktor:
    """A copy of ``aktor`` carrying a claim issued ``now`` (default: this moment)."""
    issued_at = int(time.time() if now is None else now)
    unsigned = aktor.model_copy(update={"klaim": None})
    claim = f"{issued_at}.{_signature(_as_key(key), unsigned, issued_at)}"
    return aktor.model_copy(update={"klaim": claim})


def refusal_with(aktor: Aktor, key: bytes | None, now: float) -> str | None:
    """Why ``aktor``'s claim is not good under ``key`` at ``now``; ``None`` when it is."""
    if key is None:
        return (
            "Worker belum dikonfigurasi dengan kunci tanda tangan aktor (ACTOR_CLAIM_KEY); "
            "semua tindakan ditolak. Hubungi pengelola sistem."
        )
    if not aktor.klaim:
        return (
            "Identitas pelaku tidak ditandatangani oleh aplikasi Siklus SOP. Lakukan tindakan "
            "melalui aplikasi setelah masuk dengan akun Anda."
        )
    issued_text, _, signature = aktor.klaim.partition(".")
    if not issued_text.isdigit() or not signature:
        return "Tanda tangan identitas pelaku tidak sah. Masuk kembali lalu ulangi tindakan."
    issued_at = int(issued_text)
    expected = _signature(key, aktor, issued_at)
    if not hmac.compare_digest(expected, signature):
        return "Tanda tangan identitas pelaku tidak sah. Masuk kembali lalu ulangi tindakan."
    if issued_at > now + MAX_SKEW_SECONDS:
        return "Waktu tanda tangan identitas pelaku tidak sah. Ulangi tindakan."
    if now - issued_at > MAX_AGE_SECONDS:
        return "Tanda tangan identitas pelaku sudah kedaluwarsa. Ulangi tindakan."
    return None


def refusal(aktor: Aktor) -> str | None:
    """Why this worker refuses ``aktor``'s claim now; ``None`` when it is good."""
    return refusal_with(aktor, _key, time.time())
