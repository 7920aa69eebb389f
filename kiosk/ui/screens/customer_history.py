"""The Customers screen's history table: what happened to a member, newest first, across all her
cards (after a merge also the cards she brought, kiosk/services/history.py), each line saying on
which card, who did it and where, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.model import EventKind
from kiosk.ui.text import arg
from loyalty_rules.kinds.points_expiry import is_expiry


class HistoryTable(QTableWidget):
    WHEN, WHAT, CARD, STAMPS, WHO, REASON = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.kind_text = {
            EventKind.ENROLL: self.tr("Enrolled"),
            EventKind.EARN: self.tr("Stamped"),
            EventKind.REDEEM: self.tr("Reward redeemed"),
            EventKind.ADJUST: self.tr("Adjusted"),
            EventKind.VOID: self.tr("Undone"),
            EventKind.REFERRAL: self.tr("Referral"),
            EventKind.MEMBER_MERGE: self.tr("Members merged"),
            EventKind.TIER_CHANGE: self.tr("Tier changed"),
        }
        self.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Card"),
                self.tr("Stamps"),
                self.tr("Who / where"),
                self.tr("Reason"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def show_history(self, outcome) -> None:
        """Redraws the table from a HistoryOutcome."""
        self.setRowCount(len(outcome.events))
        for row, event in enumerate(outcome.events):
            for column, text in enumerate(self.cells(event, outcome)):
                self.setItem(row, column, QTableWidgetItem(text))

    def cells(self, event, outcome) -> list[str]:
        expiry = is_expiry(event.kind.value, event.reason)  # recorded by the rule, by no one
        who = event.staff_name or (self.tr("automatic") if expiry else self.tr("unknown"))
        on = outcome.cards.get(event.card_id)
        return [
            event.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            self.kind_text.get(event.kind, event.kind.value)
            if not expiry
            else self.tr("Points expired (no visit)"),
            arg(self.tr("%1 · card %2"), on.program_name, on.card_number) if on else "",
            f"{event.units:+d}" if event.units else "0",
            arg(
                self.tr("%1 at %2"),
                who,
                outcome.location_names.get(event.location_id, event.location_id[:8]),
            )
            if event.location_id
            else who,
            self.merge_text(event, outcome.member_names)
            or self.tier_text(event)
            or ("" if expiry else event.reason or ""),
        ]

    def tier_text(self, event) -> str:
        """A tier change names the tier she fell from (its reason) and the one she has now."""
        if event.kind is not EventKind.TIER_CHANGE or not event.tier:
            return ""
        return arg(self.tr("%1 → %2"), event.reason or "", event.tier)

    def merge_text(self, event, names: dict[str, str]) -> str:
        """A merge line says who joined whom, as this till merged them (the cloud may keep the
        other one as the member, with the same cards together)."""
        if event.kind is not EventKind.MEMBER_MERGE or not (event.merge_absorb_id and event.merge_keep_id):
            return ""
        return arg(
            self.tr("%1 merged into %2"),
            names.get(event.merge_absorb_id, self.tr("unknown")),
            names.get(event.merge_keep_id, self.tr("unknown")),
        )
