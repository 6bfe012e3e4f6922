"""Authorization of actions on one SOP: the signed-in user, their role and their unit.

``acting(tindakan)`` is a dependency: it loads the SOP (404), checks the user's roles and unit
against ``sop.wewenang`` (403 with what is missing) and gives the route the ``Aktor`` to record.
The workflow checks the same rule again in its validators.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, status
from sqlalchemy.engine import Engine

from api.auth import CurrentUser, aktor_of, require_roles
from api.deps import EngineDep, read
from api.user_schemas import Pengguna
from sop.peran import Peran
from sop.wewenang import Tindakan, role_refusal
from store.tables import Sop
from wire.sop import Aktor


@dataclass(frozen=True)
class Acting:
    sop: Sop
    aktor: Aktor
    user: Pengguna


def forbid(message: str) -> None:
    raise HTTPException(status.HTTP_403_FORBIDDEN, message)


def check_role(tindakan: Tindakan, aktor: Aktor, sop_unit: str) -> None:
    refusal = role_refusal(tindakan, aktor.peran, aktor.unit, sop_unit)
    if refusal:
        forbid(refusal)


async def load_sop(engine: Engine, sop_id: str) -> Sop:
    sop = await read(engine, lambda session: session.get(Sop, sop_id))
    if sop is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"SOP '{sop_id}' tidak ditemukan.")
    return sop


def acting(tindakan: Tindakan):  # type: ignore[no-untyped-def]
    """Dependency: the SOP of the path and the user's ``Aktor``, if they may ``tindakan``."""

    async def dependency(sop_id: str, user: CurrentUser, engine: EngineDep) -> Acting:
        sop = await load_sop(engine, sop_id)
        aktor = aktor_of(user)
        check_role(tindakan, aktor, sop.unit_code)
        return Acting(sop=sop, aktor=aktor, user=user)

    return dependency


async def _any_action(sop_id: str, user: CurrentUser, engine: EngineDep) -> Acting:
    """The SOP and the user; the route checks the kind of action itself."""
    return Acting(sop=await load_sop(engine, sop_id), aktor=aktor_of(user), user=user)


Drafting = Annotated[Acting, Depends(acting(Tindakan.draf))]
Reviewing = Annotated[Acting, Depends(acting(Tindakan.reviu))]
Signing = Annotated[Acting, Depends(acting(Tindakan.pengesahan))]
Implementing = Annotated[Acting, Depends(acting(Tindakan.penerapan))]
Acknowledging = Annotated[Acting, Depends(acting(Tindakan.paham))]
Monitoring = Annotated[Acting, Depends(acting(Tindakan.monitoring))]
Evaluating = Annotated[Acting, Depends(acting(Tindakan.evaluasi))]
AnyAction = Annotated[Acting, Depends(_any_action)]
Coordinator = Annotated[Pengguna, Depends(require_roles(Peran.koordinator))]
"""A coordinator (Bagian Organisasi, or the Sekretaris of an SKPD): runs campaigns."""
Auditor = Annotated[
    Pengguna, Depends(require_roles(Peran.auditor, Peran.koordinator, Peran.admin))
]
"""Reads the audit trail of every SOP: auditors, coordinators and admins."""
