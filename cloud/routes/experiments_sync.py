"""Kiosks upload the A/B tests a manager set up at the counter: PUT /api/v1/sync/experiments.

Like offers (cloud/routes/offers_sync.py): each is checked like POST /api/v1/experiments,
stored by the id the kiosk gave it within the device's business, answered one by one, and the
same content again is accepted and changes nothing. The arms, metric and horizon are fixed
once stored: an upload that differs there is rejected (`experiment_fixed`); a stop is taken.
The start is the kiosk's (its counter split members from then), never later than now.
"""

from __future__ import annotations

import json
import uuid

from fastapi import APIRouter
from pydantic import Field

from cloud.deps import Actor, DeviceActor, Now, WriteDb, audit, bump_seq
from cloud.models import Experiment as ExperimentRow
from cloud.problems import ApiProblem
from cloud.routes.experiments import ExperimentCreate, arms_problem, new_row
from cloud.schemas import ExperimentStatus, OfferUploadResult, UtcDatetime, WireIn, WireOut

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])

MAX_UPLOAD = 20
ID_TAKEN = "experiment_id_unavailable"
FIXED = "experiment_fixed"


class ExperimentUpload(ExperimentCreate):
    id: uuid.UUID
    started_at: UtcDatetime
    status: ExperimentStatus = "running"


class ExperimentsUploadIn(WireIn):
    experiments: list[ExperimentUpload] = Field(min_length=1, max_length=MAX_UPLOAD)


class ExperimentsUploadOut(WireOut):
    results: list[OfferUploadResult]


@router.put("/experiments", response_model=ExperimentsUploadOut)
def upload_experiments(
    body: ExperimentsUploadIn, device: DeviceActor, session: WriteDb, when: Now
) -> ExperimentsUploadOut:
    results = [_upsert(session, device, e, when) for e in body.experiments]
    session.commit()
    return ExperimentsUploadOut(results=results)


def _rejected(experiment_id: str, reason: str) -> OfferUploadResult:
    return OfferUploadResult(id=experiment_id, status="rejected", reason=reason)


def _upsert(session, device: Actor, upload: ExperimentUpload, when) -> OfferUploadResult:
    experiment_id = str(upload.id)
    row = session.get(ExperimentRow, experiment_id)
    if row is not None and row.business_id != device.business_id:
        return _rejected(experiment_id, ID_TAKEN)
    if row is None:
        problem = arms_problem(session, device.business_id, upload.arms, experiment_id)
        if problem is not None:
            return _rejected(experiment_id, problem.detail)
        try:
            row = new_row(device.business_id, experiment_id, upload, min(upload.started_at, when), when)
        except ApiProblem as exc:
            return _rejected(experiment_id, exc.detail)
        row.status = upload.status
        row.seq = bump_seq(session, device.business_id)
        session.add(row)
        detail = {**upload.model_dump(mode="json"), "via": "kiosk"}
        audit(session, device, when, "experiment.create", "experiment", row.id, detail)
        return OfferUploadResult(id=experiment_id, status="accepted")
    arms = [{"offer_id": str(a.offer_id) if a.offer_id else None, "weight": a.weight} for a in upload.arms]
    fixed = (json.loads(row.arms), row.metric, row.days, row.horizon)
    if fixed != (arms, upload.metric, upload.days, upload.horizon):
        return _rejected(experiment_id, FIXED)
    changes = {k: v for k, v in (("name", upload.name), ("status", upload.status)) if getattr(row, k) != v}
    if row.status == "stopped" and changes.get("status") == "running":
        return _rejected(experiment_id, FIXED)  # a stopped test does not run again
    if changes:
        for key, value in changes.items():
            setattr(row, key, value)
        row.seq = bump_seq(session, device.business_id)
        audit(session, device, when, "experiment.update", "experiment", row.id, {**changes, "via": "kiosk"})
    return OfferUploadResult(id=experiment_id, status="accepted")
