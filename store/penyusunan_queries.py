"""Read-model queries for penyusunan: records, review rounds and approvals, per version.

Everything here is read from ``sop_events`` (each record's payload is the structured data the
workflow committed), so the listings are exactly what the audit trail holds.
"""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from store.tables import SopEvent


def _utc(moment: datetime) -> datetime:
    """SQLite returns naive timestamps; every timestamp stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


REVIEW_EVENTS = (
    "ajukan_reviu",
    "jawaban_reviu",
    "delegasi_reviu",
    "pengingat_reviu",
    "batas_reviu_lewat",
    "perpanjangan_reviu",
    "reviu_selesai",
    "perbaiki_tulisan",
)


def events_of(
    session: Session, sop_id: str, kinds: tuple[str, ...], version: int | None = None
) -> list[SopEvent]:
    query = select(SopEvent).where(SopEvent.sop_id == sop_id, col(SopEvent.event).in_(kinds))
    if version is not None:
        query = query.where(SopEvent.document_version == version)
    return list(session.exec(query.order_by(col(SopEvent.seq))).all())


def review_rounds(session: Session, sop_id: str, version: int | None = None) -> list[dict]:
    """Every review round (of one version, if given) with its answers and comments."""
    rounds: dict[int, dict[str, Any]] = {}
    for event in events_of(session, sop_id, REVIEW_EVENTS, version):
        payload = event.payload or {}
        if event.event == "ajukan_reviu":
            ronde = payload["ronde"]
            rounds[ronde["nomor"]] = {
                "nomor": ronde["nomor"],
                "versi": ronde["versi"],
                "dibuka": ronde["dibuka"],
                "batas_waktu": ronde["batas_waktu"],
                "pihak": [t["pihak"] for t in ronde["tugas"]],
                "diajukan_oleh": event.actor_nama,
                "jawaban": [],
                "riwayat": [],
                "hasil": None,
                "tidak_menjawab": [],
            }
            continue
        nomor = payload.get("ronde")
        if event.event == "perbaiki_tulisan" and nomor is None:
            continue  # sent back by a simulation, not by a review round
        found = rounds.get(nomor) if isinstance(nomor, int) else None
        if found is None:
            continue
        if event.event == "jawaban_reviu":
            found["jawaban"].append(
                {
                    "pihak": payload["pihak"],
                    "keputusan": payload["keputusan"],
                    "komentar": payload.get("komentar", []),
                    "oleh": event.actor_nama,
                    "jabatan": event.actor_jabatan,
                    "pada": _utc(event.occurred_at),
                }
            )
        elif event.event in ("reviu_selesai", "perbaiki_tulisan"):
            found["hasil"] = payload.get("hasil")
            found["tidak_menjawab"] = payload.get("tidak_menjawab", [])
        else:
            if event.event == "perpanjangan_reviu":
                found["batas_waktu"] = payload["batas_waktu"]
            found["riwayat"].append(
                {"event": event.event, "catatan": event.note, "pada": _utc(event.occurred_at)}
            )
    return list(rounds.values())
