"""Kiosks upload the offers a manager made or changed at the counter: PUT /api/v1/sync/offers.

Each offer is checked exactly like POST /api/v1/offers (the same OfferIn schema and window
rule; a malformed body is a 422 problem for the whole request), then upserted by the id the
kiosk gave it, within the device's business only. A change gets a new sequence number, so
every kiosk of the business pulls it, and an audit entry naming the device. The same content
again is accepted and changes nothing, so a retry after a lost answer is harmless.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from cloud import plans
from cloud.deps import Actor, DeviceActor, Now, WriteDb, audit, bump_seq
from cloud.models import Offer as OfferRow
from cloud.offer_revisions import REVISION_TAKEN, upload_points
from cloud.routes.offers import window_ok
from cloud.schemas import OffersUploadIn, OffersUploadOut, OfferUpload, OfferUploadResult
from cloud.wallet.updates import SHOWN_OFFER_FIELDS
from loyalty_rules.plans import detail as plan_detail

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])

# The same answer whether the id belongs to another business or to nobody we would tell about:
# nothing of the other business (name, status, that it is a business at all) leaks through it.
ID_TAKEN = "offer_id_unavailable"
ENDS_BEFORE_START = "ends_before_start"
REPEATED = "repeated_in_request"


@router.put("/offers", response_model=OffersUploadOut)
def upload_offers(
    body: OffersUploadIn, device: DeviceActor, session: WriteDb, when: Now, request: Request
) -> OffersUploadOut:
    """1 to 100 offers, answered one by one (accepted or rejected with a reason), in order.

    A body the schema refuses is a 422 that writes nothing; an offer the schema allows but the
    rules do not (it ends before it starts: two fields the schema cannot compare) is rejected
    on its own with a reason, as the push does with events."""
    seen: set = set()
    results = []
    restyled: list[str] = []  # offers whose name, reward, target or colour changed
    for offer in body.offers:
        if offer.id in seen:  # the first one counts; a repeat in the same request is not applied twice
            results.append(OfferUploadResult(id=str(offer.id), status="rejected", reason=REPEATED))
            continue
        seen.add(offer.id)
        results.append(_upsert(session, device, offer, when, restyled))
    session.commit()
    # committed: the passes of those offers' cards show the new look (as a push's stamps do)
    request.app.state.pass_updates.offers_edited(device.business_id, restyled)
    return OffersUploadOut(results=results)


def _upsert(session, device: Actor, offer: OfferUpload, when, restyled: list[str]) -> OfferUploadResult:
    offer_id = str(offer.id)
    if not window_ok(offer):
        return OfferUploadResult(id=offer_id, status="rejected", reason=ENDS_BEFORE_START)
    # an offer's kind is set once, when it is made; its points settings go by revision
    fields = offer.model_dump(exclude={"id", "kind", "points", "points_revision"})
    points = offer.points_settings()
    row = session.get(OfferRow, offer_id)
    if row is not None and row.business_id != device.business_id:
        return OfferUploadResult(id=offer_id, status="rejected", reason=ID_TAKEN)
    if fields.get("status") == "active" and (row is None or row.status != "active"):
        found = plans.offer_refusal(session, device.business_id, offer_id)
        if found is not None:  # the code, then the sentence the kiosk shows to the manager
            reason = f"{found[1].reason}: {plan_detail(*found)}"
            return OfferUploadResult(id=offer_id, status="rejected", reason=reason)
    if row is None:
        if points is not None and offer.points_revision < 1:  # settings are revision 1 or later
            return OfferUploadResult(id=offer_id, status="rejected", reason=REVISION_TAKEN)
        row = OfferRow(
            id=offer_id,
            business_id=device.business_id,
            kind=offer.kind,
            created_at=when,
            seq=bump_seq(session, device.business_id),
            **fields,
        )
        session.add(row)
        upload_points(session, row, points, offer.points_revision, when)  # a new offer: nothing to refuse
        audit(
            session,
            device,
            when,
            "offer.create",
            "offer",
            offer_id,
            {**_logged(offer, fields), "via": "kiosk"},
        )
        return OfferUploadResult(id=offer_id, status="accepted")
    before = (row.points_settings, row.points_revision)
    refused = upload_points(session, row, points, offer.points_revision, when)
    if refused:  # another till or the dashboard changed the settings meanwhile: its pull shows them
        return OfferUploadResult(id=offer_id, status="rejected", reason=refused)
    changes = {key: value for key, value in fields.items() if getattr(row, key) != value}
    points_changed = (row.points_settings, row.points_revision) != before
    if not changes and not points_changed:  # a retry, or a kiosk that only caught up
        return OfferUploadResult(id=offer_id, status="accepted")
    if SHOWN_OFFER_FIELDS & changes.keys():
        restyled.append(offer_id)
    for key, value in changes.items():
        setattr(row, key, value)
    row.seq = bump_seq(session, device.business_id)
    logged = {**changes, **(_points_logged(offer) if points_changed else {}), "via": "kiosk"}
    audit(session, device, when, "offer.update", "offer", offer_id, logged)
    return OfferUploadResult(id=offer_id, status="accepted")


def _points_logged(offer: OfferUpload) -> dict:
    dumped = offer.model_dump(mode="json", include={"points", "points_revision"})
    return dumped if offer.points is not None else {}


def _logged(offer: OfferUpload, fields: dict) -> dict:
    return {**fields, **_points_logged(offer)}
