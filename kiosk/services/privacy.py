"""The owner's data duties: export the shop's data as spreadsheets, and erase a customer's
personal data on request (GDPR's right to erasure).

Erasure keeps the ledger: events are the shop's financial record and name no customer (only card
ids and staff), so balances and history stay, anonymous. On a kiosk paired with the cloud the
cloud holds the authoritative copy: the owner erases there, and the next pull brings it here.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import cardtoken
from kiosk.domain.model import Customer, Role
from kiosk.domain.outcomes import CardView, Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services.cards import views_of_customer
from kiosk.services.context import Actor, Connection, Context, connection
from kiosk.store import StorageError, directory, erasure, export, ledger, meta
from kiosk.store.db import wal_checkpoint
from loyalty_rules.kinds.points_expiry import is_expiry
from loyalty_rules.spreadsheet import spreadsheet_safe

EXPORT_PREFIX = "loyalty-export-"
CUSTOMERS_HEADER = ("customer id", "name", "email", "phone", "marketing consent", "created at")
CARDS_HEADER = (
    "card number",
    "customer id",
    "offer",
    "status",
    "stamps now",
    "lifetime stamps",
    "rewards redeemed",
    "visits",
    "flagged",
    "spend (minor units)",  # a points card: its standing earns' sales; empty for a stamp card
    # "stamps" or "points": what "stamps now" and "lifetime stamps" count on this row (the columns
    # keep their names and places: owners' scripts read them; a new column goes last)
    "offer kind",
)
EXPIRED_KIND = "points_expired"  # the "kind" cell of a points expiry (an ADJUST on the wire)
EVENTS_HEADER = (
    "event id",
    "occurred at",
    "kind",
    "card number",
    "offer",
    "units",
    "staff",
    "location",
    "reason",
    "voids event id",
    "sale (minor units)",  # a points earn's sale
    "reward",  # a points redemption's catalogue reward
    "tier",  # a tiered earn's tier; a tier change's new tier
    "happy hour",  # the happy hour that boosted an earn
)


@dataclass(frozen=True, slots=True)
class ExportOutcome(Outcome):
    folder: Path | None = None  # the new folder holding customers.csv, cards.csv, events.csv
    customers: int = 0  # rows in each file, header not counted
    cards: int = 0
    events: int = 0


@dataclass(frozen=True, slots=True)
class EraseOutcome(Outcome):
    customer: Customer | None = None  # as stored now: a placeholder name, no email, no phone
    cards: tuple[CardView, ...] = ()  # the customer's cards, all revoked, balances kept
    audit_entries_scrubbed: int = 0  # older audit entries the name, email or phone was taken out of


# --- export ------------------------------------------------------------------------------------


def export_data(ctx: Context, folder: Path, *, actor: Actor, now: datetime | None = None) -> ExportOutcome:
    """Owners only: the whole shop in three CSV files inside a new folder under `folder`."""
    if not actor.role.at_least(Role.OWNER):
        return ExportOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    now = now or ctx.clock()
    target = _new_export_folder(Path(folder).absolute(), now)
    if isinstance(target, Refusal):
        return ExportOutcome(refusal=target)
    try:
        with export.snapshot(ctx.store) as conn:
            places = meta.location_names(conn)
            customers = _write_csv(
                target / "customers.csv",
                CUSTOMERS_HEADER,
                map(_customer_cells, export.customers_for_export(conn)),
            )
            cards = _write_csv(
                target / "cards.csv", CARDS_HEADER, map(_card_cells, export.cards_for_export(conn))
            )
            events = _write_csv(
                target / "events.csv",
                EVENTS_HEADER,
                (_event_cells(e, places) for e in export.events_for_export(conn)),
            )
        with ctx.store.transaction() as conn:
            # counts only: the audit log must not become a second copy of personal data
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "data_exported",
                folder=str(target),
                customers=customers,
                cards=cards,
                events=events,
            )
    except OSError as exc:
        # the folder is ours (made above): a failed export leaves nothing behind, not half of one
        shutil.rmtree(target, ignore_errors=True)
        return ExportOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=_os_problem(exc, folder)))
    except StorageError as exc:
        shutil.rmtree(target, ignore_errors=True)
        return ExportOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
    return ExportOutcome(folder=target, customers=customers, cards=cards, events=events)


def _new_export_folder(parent: Path, now: datetime) -> Path | Refusal:
    """loyalty-export-YYYYmmdd-HHMMSS in the shop's local time; -2, -3... if that exists already."""
    if not parent.is_dir():
        return refuse(Reason.STORAGE_FAILED, problem=f"there is no folder {parent}")
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 100):
        candidate = parent / (f"{EXPORT_PREFIX}{stamp}" + (f"-{attempt}" if attempt > 1 else ""))
        try:
            # mkdir (not exists-then-mkdir) so two exports in one second never share a folder;
            # 0700: the files hold customers' personal data, not for every user of this PC
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            return refuse(Reason.STORAGE_FAILED, problem=_os_problem(exc, parent))
        return candidate
    return refuse(Reason.STORAGE_FAILED, problem=f"too many exports in {parent} this second")


def _os_problem(exc: OSError, folder: Path) -> str:
    return f"cannot write in the folder {folder} ({exc.strerror or exc})"


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[list]) -> int:
    """Written under a .part name and renamed once complete: a file with the final name is whole."""
    partial = path.with_name(path.name + ".part")
    count = 0
    # UTF-8 with a byte-order mark: without it Excel reads "Zoë" as "ZoÃ«"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # personal data: owner only
    with open(fd, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)
    return count


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _utc(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _customer_cells(c: Customer) -> list:
    return [
        c.id,
        spreadsheet_safe(c.name),
        spreadsheet_safe(c.email),
        spreadsheet_safe(c.phone),
        _yes_no(c.marketing_consent),
        _utc(c.created_at),
    ]


def _card_cells(c: export.CardRecord) -> list:
    return [
        cardtoken.format_card_number(c.card_id),
        c.customer_id,
        spreadsheet_safe(c.offer_name),
        c.status.value,
        c.units,
        c.lifetime,
        c.redemptions,
        c.visits,
        _yes_no(c.flagged),
        "" if c.spend_minor is None else c.spend_minor,
        "" if c.kind is None else c.kind.value,
    ]


def _event_cells(e: export.EventRecord, places: dict[str, str]) -> list:
    return [
        e.id,
        _utc(e.occurred_at),
        # an expiry is its own kind of line here, not one more adjustment (its reason says so too)
        EXPIRED_KIND if is_expiry(e.kind, e.reason) else e.kind,
        cardtoken.format_card_number(e.card_id),
        spreadsheet_safe(e.offer_name),
        e.units,  # a number we write ourselves: -1 stays a number
        spreadsheet_safe(e.staff_name),
        spreadsheet_safe(places.get(e.location_id, e.location_id) if e.location_id else ""),
        spreadsheet_safe(e.reason),
        e.ref_event_id or "",
        "" if e.amount_minor is None else e.amount_minor,
        spreadsheet_safe(e.reward_id),
        spreadsheet_safe(e.tier),
        spreadsheet_safe(e.happy_hour),
    ]


# --- erasure -----------------------------------------------------------------------------------


def erase_customer(ctx: Context, customer_id: str, *, actor: Actor) -> EraseOutcome:
    """Owners only, standalone kiosks only: the customer's name, email and phone gone from this
    kiosk (directory, outbox, audit log, and the file's free space), their cards revoked."""
    if not actor.role.at_least(Role.OWNER):
        return EraseOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    try:
        with ctx.store.transaction() as conn:
            if connection(conn) is Connection.PAIRED:
                return EraseOutcome(refusal=invalid("Kiosk", Problem.ERASE_IN_THE_CLOUD))
            customer = directory.get_customer(conn, customer_id) if isinstance(customer_id, str) else None
            if customer is None:
                return EraseOutcome(refusal=invalid("Customer", Problem.NO_SUCH_CUSTOMER))
            now = ctx.clock()
            card_ids = [card.id for card in ledger.cards_of_customer(conn, customer.id)]
            with erasure.secure_delete(conn):
                erasure.erase_customer_row(conn, customer.id, now)
                # the outbox keeps no copy: an enroll reads its customer from the directory when
                # it is pushed (sync_repo.pending_batch), so it now carries the placeholder
                erasure.revoke_cards_of(conn, customer.id)
                scrubbed = erasure.scrub_audit(conn, customer, card_ids)
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "customer_erased",
                customer_id=customer.id,
                cards=[cardtoken.format_card_number(card_id) for card_id in card_ids],
            )
            erased = directory.get_customer(conn, customer.id)
            views = views_of_customer(conn, customer.id)
    except StorageError as exc:
        return EraseOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
    # the WAL still holds the pages as they were; a reader may delay this, the next checkpoint does it
    wal_checkpoint(ctx.store)
    return EraseOutcome(customer=erased, cards=views, audit_entries_scrubbed=scrubbed)
