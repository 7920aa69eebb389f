"""A points offer's settings revisions: each change of its rate, rounding, minimum spend or
catalogue is a new revision, kept for good in `offer_revisions`.

Why: a till offline while the manager changes the rate keeps granting the old rate, rightly (it
is the offer as that till knew it). Each points event names the revision it was computed under,
and the push checks it by that revision's settings (cloud/ledger.py), so those earns are
accepted; the till pulls the new revision and its next earns use the new rate. An event naming a
revision the cloud never had is refused.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from cloud.models import Offer, OfferRevision
from loyalty_rules.kinds.points import PointsSettings, settings_to_plain

REVISION_TAKEN = "points_revision_taken"  # a kiosk's edit names a revision that holds other settings


def plain_text(settings: PointsSettings | None) -> str | None:
    """The settings as the column holds them (sorted JSON, so equal settings are equal text)."""
    if settings is None:
        return None
    return json.dumps(settings_to_plain(settings), sort_keys=True, separators=(",", ":"))


def _same(stored: str | None, text: str | None) -> bool:
    if stored is None or text is None:
        return stored is text
    return json.loads(stored) == json.loads(text)


def set_points(session: Session, row: Offer, settings: PointsSettings | None, when: datetime) -> bool:
    """The dashboard's change (or a new offer's settings): the next revision, when the settings
    differ from the offer's now. True when they changed."""
    text = plain_text(settings)
    if _same(row.points_settings, text):
        return False
    row.points_settings = text
    if text is not None:
        row.points_revision = (row.points_revision or 0) + 1
        session.add(
            OfferRevision(
                offer_id=row.id,
                revision=row.points_revision,
                business_id=row.business_id,
                points_settings=text,
                created_at=when,
            )
        )
    return True


def upload_points(
    session: Session, row: Offer, settings: PointsSettings | None, revision: int, when: datetime
) -> str | None:
    """A kiosk's copy of the offer, its settings under the revision it gave them (an edit there
    is its last pulled revision + 1, so its events already name it). The revision's settings are
    kept; the offer takes them when the revision is newer than its own. A revision that holds
    other settings (another till or the dashboard changed the offer meanwhile) is refused with
    the reason, and nothing changes. None when taken (or nothing to take)."""
    text = plain_text(settings)
    if text is None:
        return None if row.points_settings is None else REVISION_TAKEN  # settings are never dropped
    if revision < 1:
        return REVISION_TAKEN
    held = session.get(OfferRevision, (row.id, revision))
    if held is not None:
        return None if _same(held.points_settings, text) else REVISION_TAKEN
    if revision <= (row.points_revision or 0):
        return REVISION_TAKEN  # a gap below the newest: never made here, and never to be
    session.add(
        OfferRevision(
            offer_id=row.id,
            revision=revision,
            business_id=row.business_id,
            points_settings=text,
            created_at=when,
        )
    )
    row.points_settings = text
    row.points_revision = revision
    return None
