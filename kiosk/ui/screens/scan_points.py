"""The points part of the cashier's screen: after a scan shows a member of a running points offer,
the sale amount and Enter add its points, and a tap and a Yes give a catalogue reward. Both run
on the store worker (kiosk.services.points), like a stamp; the answer redraws the result panel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.domain.model import CardStatus, Program, ProgramStatus
from kiosk.domain.outcomes import CardView, PointsOutcome, ScanOutcome
from kiosk.domain.problems import Problem, invalid
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.sound import SoundPlayer
from kiosk.ui.text import arg, day_text
from kiosk.ui.widgets.points_sale import PointsSalePanel, is_points_program
from kiosk.ui.widgets.result_panel import ResultPanel, UndoOffer
from kiosk.ui.workers import StoreWorker


def points_target(outcome: ScanOutcome) -> tuple[Program, CardView | None] | None:
    """The points offer a scan's member can earn in now, and her account there (None: she joins
    at her first sale): the offer the scan named, else her first running one, else an open one."""
    accounts = {v.program.id: v for v in outcome.customer_cards if v.card.status is CardStatus.ACTIVE}
    named = outcome.sale_program
    if named is not None and is_points_program(named):
        return named, accounts.get(named.id)
    for view in accounts.values():
        if is_points_program(view.program) and view.program.status is ProgramStatus.ACTIVE:
            return view.program, view
    for program in outcome.open_programs:
        if is_points_program(program):
            return program, None
    return None


class PointsCounter(QObject):
    """Owns the points sale panel of a ScanScreen; `shown` carries each outcome it put on screen."""

    shown = Signal(object)
    standing_shown = Signal(object)  # her tier, drawn after a scan or an undo (a PointsOutcome)

    def __init__(
        self,
        panel: PointsSalePanel,
        result: ResultPanel,
        worker: StoreWorker,
        session: Session,
        sounds: SoundPlayer,
    ) -> None:
        super().__init__(panel)
        self.panel, self.result, self.worker = panel, result, worker
        self.session, self.sounds = session, sounds
        self.member_card_id: int | None = None  # the code the sale names her by (any live card)
        panel.sale_entered.connect(self.on_sale_entered)
        panel.amount_refused.connect(self.on_amount_refused)
        panel.reward_confirmed.connect(self.on_reward_confirmed)

    def show_for(self, outcome: ScanOutcome) -> bool:
        """After a scan: the panel for her points offer, or hidden. True when shown."""
        target = points_target(outcome) if outcome.card is not None else None
        if target is None or outcome.card is None:
            self.member_card_id = None
            self.panel.clear_member()
            return False
        program, account = target
        self.member_card_id = outcome.card.card.id
        balance = account.card.balance.units if account else 0
        self.panel.show_member(program, outcome.card.customer.first_name, balance)
        self.panel.amount_entry.setFocus()
        self._ask_standing()
        return True

    def ask_for_sale(self, outcome: ScanOutcome) -> None:
        """A scan that named a points offer recorded nothing: show her and ask for the amount."""
        assert outcome.card is not None and outcome.sale_program is not None  # noqa: PT018
        self.sounds.play("good")
        message = arg(
            self.tr("%1: type the sale amount for %2"),
            outcome.card.customer.first_name,
            outcome.sale_program.name,
        )
        self.result.show_result("idle", message, outcome.customer_cards, open_programs=outcome.open_programs)
        self.result.offer_redeem()  # a stamp card's reward ready is still asked first
        self.show_for(outcome)

    def on_card_changed(self, view: CardView | None) -> None:
        """An undo (or another change) of a card on screen: the panel follows its balance."""
        program = self.panel.program
        if view is not None and program is not None and view.program.id == program.id:
            self.panel.set_balance(view.card.balance.units)
            self._ask_standing()  # an undone sale may have taken her tier with it

    def clear(self) -> None:
        self.member_card_id = None
        self.panel.clear_member()

    # the sale
    def on_sale_entered(self, amount_minor: int) -> None:
        card_id, program, actor = self.member_card_id, self.panel.program, self.session.actor
        if card_id is None or program is None:
            return
        self.worker.op(
            self, lambda s: s.earn_points(card_id, amount_minor, actor=actor, program_id=program.id)
        ).success(self.on_points_earned).refused(self.on_sale_refused).failure(
            lambda _error: self.panel.sale_answered(False)
        ).records_events().run_in_background()

    def on_points_earned(self, outcome: PointsOutcome) -> None:
        view = outcome.card
        assert view is not None  # an earn that succeeded has its account
        # what she can afford now is the Redeem list under the banner, one button a reward
        lines = [
            *self._expired_lines(outcome),
            self.tr("+%n point(s) (happy hour)", "", outcome.points_added)
            if outcome.happy_hour is not None
            else self.tr("+%n point(s)", "", outcome.points_added),
            self.tr("Balance: %n point(s)", "", view.card.balance.units),
            *self._tier_lines(outcome),
        ]
        if outcome.referral is not None:  # her first visit: the referral bonuses (issue 15)
            lines.insert(
                1,
                arg(
                    self.tr("+%1 referral bonus, referred by %2 (who gets +%3)"),
                    outcome.referral.newcomer_units,
                    outcome.referral.referrer_name,
                    outcome.referral.referrer_units,
                ),
            )
        self.panel.sale_answered(True)
        cheer = bool(outcome.affordable or outcome.tier_reached)
        self.sounds.play("reward" if cheer else "good")
        self._redraw("reward" if cheer else "good", "\n".join(lines), view)
        self.panel.set_standing(outcome.standing)
        label = arg(self.tr("Undo %1's +%n point(s)", "", outcome.points_added), view.customer.first_name)
        self._offer_undo(outcome, label)
        self.shown.emit(outcome)

    def on_sale_refused(self, outcome: PointsOutcome) -> None:
        self.panel.sale_answered(False)
        self.on_points_refused(outcome)

    def on_points_refused(self, outcome: PointsOutcome) -> None:
        self.sounds.play("bad")
        message = "\n".join(
            (*self._expired_lines(outcome), refusal_text(outcome.refusal), *self._tier_lines(outcome))
        )
        self.result.show_result("bad", message, self._rows(), open_programs=None)
        if outcome.standing is not None:
            self.panel.set_standing(outcome.standing)
        if outcome.expired is not None and outcome.card is not None:  # her balance did change
            self.panel.set_balance(outcome.card.card.balance.units)
        self.shown.emit(outcome)

    # her tier
    def _ask_standing(self) -> None:
        """Her tier in the offer on screen, asked of the store (which records a fall since she was
        last seen); the answer draws the panel's tier line. Offers without tiers ask nothing."""
        card_id, program, actor = self.member_card_id, self.panel.program, self.session.actor
        if card_id is None or program is None or program.points is None or program.points.tiers is None:
            return
        self.worker.op(self, lambda s: s.tier_standing(card_id, program.id, actor=actor)).success(
            lambda outcome: self.on_standing(program.id, outcome)
        ).refused(lambda _outcome: None).records_events().run_in_background()

    def on_standing(self, program_id: str, outcome: PointsOutcome) -> None:
        program = self.panel.program
        if program is None or program.id != program_id:
            return  # another member or offer is on screen by now
        self.panel.set_standing(outcome.standing)
        if outcome.tier_demoted is not None:
            self.panel.tier_line.setText("\n".join((*self._tier_lines(outcome), self.panel.tier_line.text())))
        self.standing_shown.emit(outcome)

    def _tier_lines(self, outcome: PointsOutcome) -> list[str]:
        """The celebration of a tier reached, or the fall shown to her."""
        name = outcome.card.customer.first_name if outcome.card else self.panel.first_name
        lines = []
        if outcome.tier_demoted is not None:
            moved = outcome.tier_demoted
            lines.append(arg(self.tr("%1 is %2 now (was %3)"), name, moved.new.name, moved.old.name))
        if outcome.tier_reached is not None:
            lines.append(arg(self.tr("%1 reached %2!"), name, outcome.tier_reached.name))
        return lines

    def on_amount_refused(self, problem: Problem) -> None:
        """Typed wrong (letters, the other decimal separator, too many decimals): said at once,
        without asking the store; the typed text stays to be corrected."""
        self.on_points_refused(PointsOutcome(refusal=invalid("amount", problem)))

    # a catalogue reward
    def on_reward_confirmed(self, reward_id: str) -> None:
        program, actor = self.panel.program, self.session.actor
        account = next(
            (r.view for r in self.result.rows if program and r.view.program.id == program.id), None
        )
        if account is None:
            return
        card_id = account.card.id
        self.worker.op(self, lambda s: s.redeem_reward(card_id, reward_id, actor=actor)).success(
            self.on_reward_given
        ).refused(self.on_points_refused).records_events().run_in_background()

    def on_reward_given(self, outcome: PointsOutcome) -> None:
        view, reward = outcome.card, outcome.reward
        assert view is not None
        assert reward is not None
        self.sounds.play("reward")
        message = "\n".join(
            (
                *self._expired_lines(outcome),
                arg(self.tr("Reward given: %1 (−%n point(s))", "", reward.cost), reward.name),
                self.tr("Balance: %n point(s)", "", view.card.balance.units),
                *self._tier_lines(outcome),
            )
        )
        self._redraw("good", message, view)
        self.panel.set_standing(outcome.standing)
        self._offer_undo(outcome, self.tr("Undo reward"))
        self.shown.emit(outcome)

    # inside
    def _expired_lines(self, outcome: PointsOutcome) -> tuple[str, ...]:
        """Her lapsed points, said before the sale: never an unexplained drop of her balance."""
        expired = outcome.expired
        if expired is None:
            return ()
        local = expired.at.astimezone()  # the kiosk stands in the shop: its zone is the shop's
        day = day_text(local.date(), self.tr("d MMM yyyy"))
        return (
            " ".join(
                (
                    arg(self.tr("%n point(s) expired on %1", "", expired.points), day),
                    self.tr("(no visit for %n month(s))", "", expired.months),
                )
            ),
        )

    def _rows(self) -> tuple[CardView, ...]:
        return tuple(r.view for r in self.result.rows)

    def _redraw(self, state: str, message: str, view: CardView) -> None:
        rows = self._rows()
        if any(v.card.id == view.card.id for v in rows):
            cards = tuple(view if v.card.id == view.card.id else v for v in rows)
        else:  # her first sale there opened the account: its row joins hers
            cards = (*rows, view)
        still_open = tuple(r.program for r in self.result.open_rows if r.program.id != view.program.id)
        self.result.show_result(state, message, cards, open_programs=still_open)
        self.panel.set_balance(view.card.balance.units)
        self.panel.amount_entry.setFocus()

    def _offer_undo(self, outcome: PointsOutcome, label: str) -> None:
        view = outcome.card
        assert view is not None
        event_id = outcome.event.id if outcome.event else None
        self.result.offer_undo(UndoOffer(view.card.id, event_id, label), view.program.undo_window_seconds)
