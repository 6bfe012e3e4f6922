"""Reads of users and their Plt./Plh. appointments."""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from store.tables import Unit
from store.user_tables import Penugasan, User


def user_by_username(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username)).first()


def unit_exists(session: Session, code: str) -> bool:
    return session.get(Unit, code) is not None


def in_force(today: date) -> tuple[Any, ...]:
    """Conditions of an appointment in force on ``today``: in its period, not ended."""
    return (
        col(Penugasan.mulai) <= today,
        col(Penugasan.sampai) >= today,
        col(Penugasan.ended_at).is_(None),
    )


def active_penugasan(session: Session, user_id: str, today: date) -> Penugasan | None:
    """The appointment in force on ``today`` (the latest started, if several overlap)."""
    found = active_penugasan_all(session, user_id, today)
    return found[0] if found else None


def active_penugasan_all(session: Session, user_id: str, today: date) -> list[Penugasan]:
    """Every appointment of a user in force on ``today``, the latest started first."""
    return list(
        session.exec(
            select(Penugasan)
            .where(Penugasan.user_id == user_id, *in_force(today))
            .order_by(col(Penugasan.mulai).desc(), col(Penugasan.created_at).desc())
        ).all()
    )


def current_penugasan(session: Session, today: date) -> list[Penugasan]:
    """Every appointment in force on ``today`` or still to begin (not ended or cancelled)."""
    return list(
        session.exec(
            select(Penugasan)
            .where(col(Penugasan.sampai) >= today, col(Penugasan.ended_at).is_(None))
            .order_by(col(Penugasan.mulai), col(Penugasan.created_at))
        ).all()
    )


def penugasan_of(session: Session, user_id: str) -> list[Penugasan]:
    """Every appointment of a user, newest period first."""
    return list(
        session.exec(
            select(Penugasan)
            .where(Penugasan.user_id == user_id)
            .order_by(col(Penugasan.mulai).desc(), col(Penugasan.created_at).desc())
        ).all()
    )
