"""The audit log of every write: who (person or device), what, when. Owners export it."""

from __future__ import annotations

import csv
import io
from typing import Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy import select

from cloud.deps import Owner, ReadDb
from cloud.models import AuditEntry
from cloud.schemas_admin import AuditOut

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])

_FIELDS = ["id", "at", "actor_user_id", "actor_device_id", "action", "entity", "entity_id", "detail"]


@router.get(
    "",
    response_model=list[AuditOut],
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_audit(
    user: Owner,
    session: ReadDb,
    format: Literal["json", "csv"] = "json",
    after_id: int = Query(default=0, ge=0, lt=2**63),
    limit: int = Query(default=1000, ge=1, le=10_000),
):
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.business_id == user.business_id, AuditEntry.id > after_id)
        .order_by(AuditEntry.id)
        .limit(limit)
    ).all()
    items = [AuditOut.model_validate(r, from_attributes=True) for r in rows]
    if format == "json":
        return items
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_FIELDS)
    writer.writeheader()
    for item in items:
        data = item.model_dump()
        data["at"] = item.at.isoformat()
        writer.writerow(data)
    return Response(
        buf.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
    )
