"""Webhook deliveries seen, so a GitHub redelivery runs once: the only module that touches `deliveries`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agentmend.store.tables import DeliveryRow

DELIVERY_RETENTION = timedelta(days=7)  # GitHub redelivers for up to 3 days


def record_delivery(engine: Engine, delivery_id: str, event: str, now: datetime | None = None) -> bool:
    """Remember a delivery; False when it was seen before (a redelivery that must not run twice)."""
    now = now or datetime.now(UTC)
    try:
        with Session(engine) as s, s.begin():
            s.add(DeliveryRow(id=delivery_id, event=event, received_at=now))
    except IntegrityError:
        return False
    with Session(engine) as s, s.begin():
        s.execute(delete(DeliveryRow).where(DeliveryRow.received_at < now - DELIVERY_RETENTION))
    return True


def forget_delivery(engine: Engine, delivery_id: str) -> None:
    """Undo `record_delivery` when the job could not be queued, so GitHub's redelivery is accepted."""
    with Session(engine) as s, s.begin():
        s.execute(delete(DeliveryRow).where(DeliveryRow.id == delivery_id))
