"""All use cases bound to one context: what the UI workers and the CLI hold."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.model import ProgramStatus, Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.shop import ShopSetup
from kiosk.domain.till_join import NoJoinLink, TillJoinLink
from kiosk.services import (
    analytics,
    counter,
    customers,
    experiments,
    first_run,
    happy_hours,
    history,
    identity,
    members,
    merging,
    offers,
    points,
    privacy,
    referrals,
    replacement,
    reports,
    staff,
)
from kiosk.services.context import Actor, Context
from kiosk.services.experiments import ExperimentDraft
from kiosk.services.happy_hours import HappyHourDraft
from kiosk.store import ledger, till_join


class Services:
    """Thin: each method is one use case; see the modules for the rules."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # the counter
    def record_scan(self, code, *, quantity: int = 1, actor: Actor | None = None, program_id=None):
        return counter.record_scan(self.ctx, code, quantity=quantity, actor=actor, program_id=program_id)

    def redeem(self, card_ref, *, actor: Actor | None = None):
        return counter.redeem(self.ctx, card_ref, actor=actor)

    def earn_points(self, code, amount_minor: int, *, actor: Actor | None = None, program_id=None):
        return points.earn_points(self.ctx, code, amount_minor, actor=actor, program_id=program_id)

    def redeem_reward(self, code, reward_id: str, *, actor: Actor | None = None, program_id=None):
        return points.redeem_reward(self.ctx, code, reward_id, actor=actor, program_id=program_id)

    def tier_standing(self, code, program_id: str, *, actor: Actor | None = None):
        return points.tier_standing(self.ctx, code, program_id, actor=actor)

    def undo(self, card_ref, *, actor: Actor | None = None, event_id: str | None = None):
        return counter.undo(self.ctx, card_ref, actor=actor, event_id=event_id)

    def enroll(self, name: str, **kwargs):
        return customers.enroll(self.ctx, name, **kwargs)

    # referrals (issue 15): the shop's policy, edited by a manager
    def referral_policy(self):
        return referrals.current_policy(self.ctx)

    def set_referral_policy(self, policy, *, actor: Actor | None = None):
        return referrals.set_policy(self.ctx, policy, actor=actor)

    def join_programs(self, customer_id: str, program_ids=None, *, actor: Actor | None = None):
        return customers.join_programs(self.ctx, customer_id, program_ids, actor=actor)

    def lookup(self, query: str):
        return customers.lookup(self.ctx, query)

    def inspect(self, code):
        return customers.inspect(self.ctx, code)

    def card_history(self, card_ref, *, limit: int = 200):
        return history.card_history(self.ctx, card_ref, limit=limit)

    def phone_region(self) -> str:
        return customers.phone_region(self.ctx)

    def set_phone_region(self, code: str, *, actor: Actor):
        return customers.set_phone_region(self.ctx, code, actor=actor)

    def update_contact(self, customer_id: str, name: str, *, email=None, phone=None, actor: Actor):
        return customers.update_contact(self.ctx, customer_id, name, email=email, phone=phone, actor=actor)

    def adjust(self, card_ref, units: int, reason: str, *, actor: Actor):
        return history.adjust(self.ctx, card_ref, units, reason, actor=actor)

    def new_card_code(self, card_ref, *, actor: Actor):
        return replacement.new_code(self.ctx, card_ref, actor=actor)

    def report(self, days: int, *, actor: Actor):
        return reports.report(self.ctx, days, actor=actor)

    def analytics(self, days: int, *, actor: Actor):
        return analytics.analytics(self.ctx, days, actor=actor)

    def save_report(self, path: Path, data: bytes, *, actor: Actor):
        return analytics.save_report(path, data, actor=actor)

    # the owner's data duties
    def export_data(self, folder: Path, *, actor: Actor):
        return privacy.export_data(self.ctx, folder, actor=actor)

    def merge_members(self, keep_id: str, absorb_id: str, *, actor: Actor):
        return merging.merge_members(self.ctx, keep_id, absorb_id, actor=actor)

    def erase_customer(self, customer_id: str, *, actor: Actor):
        return privacy.erase_customer(self.ctx, customer_id, actor=actor)

    # people
    def needs_owner(self) -> bool:
        return staff.needs_owner(self.ctx)

    def roster(self):
        return staff.roster(self.ctx)

    def add_staff(self, name: str, role: Role, pin: str, *, actor: Actor | None):
        return staff.add_staff(self.ctx, name, role, pin, actor=actor)

    def sign_in(self, staff_id: str, pin: str):
        return staff.sign_in(self.ctx, staff_id, pin)

    def change_staff(self, staff_id: str, *, actor: Actor, **changes):
        return staff.change_staff(self.ctx, staff_id, actor=actor, **changes)

    def audit_list(self, *, actor: Actor, limit: int = 500, **filters):
        return staff.audit_list(self.ctx, actor=actor, limit=limit, **filters)

    # offers
    def list_offers(self):
        return offers.list_offers(self.ctx)

    def currency_minor_per_unit(self) -> int:
        return offers.currency_minor_per_unit(self.ctx)

    def save_offer(self, draft: OfferDraft, *, actor: Actor, program_id: str | None = None):
        return offers.save_offer(self.ctx, draft, actor=actor, program_id=program_id)

    def create_experiment(self, draft: ExperimentDraft, *, actor: Actor):
        return experiments.create_experiment(self.ctx, draft, actor=actor)

    def running_experiments(self):
        return experiments.running_experiments(self.ctx)

    # happy hours
    def list_happy_hours(self):
        return happy_hours.list_happy_hours(self.ctx)

    def save_happy_hour(self, draft: HappyHourDraft, *, actor: Actor):
        return happy_hours.save_happy_hour(self.ctx, draft, actor=actor)

    def end_happy_hour(self, hour_id: str, *, actor: Actor):
        return happy_hours.end_happy_hour(self.ctx, hour_id, actor=actor)

    def happy_hour_banner(self):
        return happy_hours.banner(self.ctx)

    def set_offer_status(self, program_id: str, status: ProgramStatus, *, actor: Actor):
        return offers.set_offer_status(self.ctx, program_id, status, actor=actor)

    def bare_scan_program(self):
        return members.bare_scan_program(self.ctx)

    def set_bare_scan_program(self, program_id: str | None, *, actor: Actor):
        return members.set_bare_scan_program(self.ctx, program_id, actor=actor)

    # the kiosk itself
    def shop_choices(self, language: str = "en") -> first_run.ShopChoices:
        return first_run.shop_choices(self.ctx, language)

    def set_up_shop(self, setup: ShopSetup) -> first_run.ShopOutcome:
        return first_run.set_up_shop(self.ctx, setup)

    def identity(self) -> identity.Identity:
        return identity.load_identity(self.ctx)

    def backup_if_due(self, data_dir: Path) -> Path | None:
        """Today's backup through SQLite's backup API, unless there is one (7 kept)."""
        from datetime import datetime

        from kiosk.store.backups import backup_if_due

        return backup_if_due(self.ctx.store, data_dir, datetime.now())

    def expire_points(self):
        """Record every member's lapsed points (kiosk/services/points_expiry.py): a SweepOutcome."""
        from kiosk.services.points_expiry import sweep

        return sweep(self.ctx)

    def till_join_link(self) -> TillJoinLink | NoJoinLink:
        """The link the enrolment screen shows as a QR (kept by sync), or why there is none."""
        with self.ctx.store.reading() as conn:
            return till_join.shown(conn)

    def pending_sync_count(self) -> int:
        with self.ctx.store.reading() as conn:
            return ledger.pending_count(conn)
