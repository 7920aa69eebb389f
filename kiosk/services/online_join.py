"""Her first stamp after joining on her phone: the kiosk meets the signed code of a member who
joined in the cloud (the join page) and was not pulled yet.

The code verifies offline (the business's key), so the card is real; only its owner's details
are still in the cloud. Only a code signed with the cloud's own key (the till's link names it) is
taken in: another till's new card, not pulled yet, waits for the pull as before, since its offer
is not known here. The kiosk takes the card in as it will arrive: the card id and key from
the code, the offer the cloud opens on the join page (the till's link names it), and a
placeholder member (sync_repo.PLACEHOLDER_NAME, as a pulled card's unknown member has). Her stamp
goes up as a plain earn on that card, which the cloud holds already, so no second member is made;
the next pull brings her name, moves the card to her and drops the placeholder.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import cardtoken
from kiosk.domain.connection import Connection
from kiosk.domain.model import Card, Customer, Program
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.domain.till_join import program_of_online_join
from kiosk.services.cards import Resolved, Unpulled
from kiosk.services.context import Actor
from kiosk.store import directory, ledger, meta, till_join
from kiosk.store.sync_repo import PLACEHOLDER_NAME


def take_in(
    conn, actor: Actor, found: Unpulled, programs: dict[str, Program], now: datetime
) -> Resolved | Refusal:
    """Store the card of a member who joined in the cloud, in the caller's transaction; or refuse
    as an unknown card when this kiosk cannot hold it faithfully (standalone, no offer known)."""
    if meta.connection(conn) is not Connection.PAIRED:
        return refuse(Reason.UNKNOWN_CARD)
    link = till_join.kept(conn)
    if link is None or link.key_id is None or link.key_id != found.key_id:
        # not the cloud's join key: another till's card this kiosk has not pulled, whose offer it
        # cannot know (a guess the cloud would reject); it waits for the pull, as it always did
        return refuse(Reason.UNKNOWN_CARD)
    program = program_of_online_join(programs.values(), link.program_id, now)
    if program is None:
        return refuse(Reason.UNKNOWN_CARD)
    customer = Customer(str(uuid.uuid4()), PLACEHOLDER_NAME, created_at=now)
    directory.insert_customer(conn, customer, now)
    card = Card(found.card_id, customer.id, program.id, found.key_id, created_at=now)
    ledger.insert_card(conn, card)
    meta.audit(
        conn,
        now,
        actor.staff_id,
        actor.name,
        "online_member_taken_in",
        card_number=cardtoken.format_card_number(card.id),
        offer=program.name,
    )
    return Resolved(card, found.layout_corrected)
