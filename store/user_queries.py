"""Reads of users and their Plt./Plh. appointments."""

from datetime import date

from sqlmodel import Session, col, select

from store.tables import Unit
from store.user_tables import Penugasan, User


def user_by_username(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username)).first()


def unit_exists(session: Session, code: str) -> bool:
    return session.get(Unit, code) is not None


def active_penugasan(session: Session, user_id: str, today: date) -> Penugasan | None:
    """The appointment in force on ``today`` (the latest started, if several overlap)."""
    return session.exec(
        select(Penugasan)
        .where(Penugasan.user_id == user_id)
        .where(Penugasan.mulai <= today, Penugasan.sampai >= today)
        .order_by(col(Penugasan.mulai).desc(), col(Penugasan.created_at).desc())
    ).first()


def penugasan_of(session: Session, user_id: str) -> list[Penugasan]:
    """Every appointment of a user, newest period first."""
    return list(
        session.exec(
            select(Penugasan)
            .where(Penugasan.user_id == user_id)
            .order_by(col(Penugasan.mulai).desc(), col(Penugasan.created_at).desc())
        ).all()
    )
