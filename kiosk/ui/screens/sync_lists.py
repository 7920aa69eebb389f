"""The Sync screen's lists: double redemptions the cloud found, and the events and offer changes
it refused."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.model import EventKind
from kiosk.sync.details import ConflictSide, ConflictView, RejectedEvent, RejectedOffer
from kiosk.ui.text import arg
from kiosk.ui.theme import current_palette
from loyalty_rules.plans import refusal_of_reason


def when_text(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def _set_up(table: QTableWidget, headers: list[str]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.setWordWrap(True)
    table.verticalHeader().setDefaultSectionSize(48)  # a row a finger can hit
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)


class ConflictsTable(QTableWidget):
    """One block per conflict: the card (spanning its rows), then one row per clashing event."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts: list[ConflictView] = []
        _set_up(self, [self.tr("Card"), self.tr("Who"), self.tr("Where"), self.tr("When")])
        # the card says the most; who, where and when stay on one line each
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_conflicts(self, conflicts: list[ConflictView]) -> None:
        self.conflicts = list(conflicts)
        self.clearSpans()
        self.setRowCount(sum(max(1, len(c.sides)) for c in self.conflicts))
        row = 0
        for conflict in self.conflicts:
            span = max(1, len(conflict.sides))
            card = QTableWidgetItem(self._card_text(conflict))
            card.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if conflict.card_flagged:
                card.setForeground(QColor(current_palette().bad))
            self.setItem(row, 0, card)
            if span > 1:
                self.setSpan(row, 0, span, 1)
            for offset, side in enumerate(conflict.sides):
                cells = (self.who_text(side), self.where_text(side), when_text(side.occurred_at))
                for column, text in enumerate(cells, start=1):
                    self.setItem(row + offset, column, QTableWidgetItem(text))
            row += span
        self.resizeRowsToContents()
        # the card's lines made its first row tall: share that height over its block evenly
        row = 0
        for conflict in self.conflicts:
            span = max(1, len(conflict.sides))
            even = max(48, -(-sum(self.rowHeight(r) for r in range(row, row + span)) // span))
            for r in range(row, row + span):
                self.setRowHeight(r, even)
            row += span

    def _card_text(self, conflict: ConflictView) -> str:
        lines = [arg(self.tr("Card %1"), conflict.card_number)]
        if conflict.customer_name:
            lines.append(conflict.customer_name)
        lines.append(
            self.tr("One reward redeemed twice · card flagged")
            if conflict.card_flagged
            else self.tr("One reward redeemed twice")
        )
        return "\n".join(lines)

    def who_text(self, side: ConflictSide) -> str:
        return side.staff_name or self.tr("unknown staff")

    def where_text(self, side: ConflictSide) -> str:
        # names come from this kiosk (its own) and the cloud; an older cloud sends only ids
        place = side.location_name or (
            arg(self.tr("location %1"), side.location_id[:8])
            if side.location_id
            else self.tr("unknown location")
        )
        if side.this_kiosk:
            return arg(self.tr("%1, this kiosk"), place)
        if side.device_name:
            return arg(self.tr("%1, kiosk “%2”"), place, side.device_name)
        if side.device_id:
            return arg(self.tr("%1, kiosk %2"), place, side.device_id[:8])
        return arg(self.tr("%1, the dashboard"), place)


class RejectedTable(QTableWidget):
    """Events the cloud refused for good: kept here for the owner, never sent again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _set_up(self, [self.tr("What"), self.tr("Card"), self.tr("When"), self.tr("Reason")])
        self.kind_text = {
            EventKind.ENROLL: self.tr("New card"),
            EventKind.EARN: self.tr("Stamp"),
            EventKind.REDEEM: self.tr("Reward"),
            EventKind.ADJUST: self.tr("Adjustment"),
            EventKind.VOID: self.tr("Undo"),
            EventKind.REFERRAL: self.tr("Referral"),
            EventKind.MEMBER_MERGE: self.tr("Members merged"),
            EventKind.TIER_CHANGE: self.tr("Tier changed"),
        }

    def reason_text(self, reason: str) -> str:
        if reason == "id_conflict":
            return self.tr(
                "The cloud holds another event under this event's id: this one was not counted. "
                "It is kept here; tell the owner."
            )
        return reason

    def show_rejected(self, rejected: tuple[RejectedEvent, ...]) -> None:
        self.setRowCount(len(rejected))
        for row, event in enumerate(rejected):
            cells = (
                self.kind_text.get(event.kind, event.kind.value),
                event.card_number,
                when_text(event.occurred_at),
                self.reason_text(event.reason),
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))


class RejectedOffersTable(QTableWidget):
    """Offers made or changed here that the cloud refused: the kiosk stopped sending them; a
    manager who edits and saves the offer again sends the new version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _set_up(self, [self.tr("Offer"), self.tr("Why the cloud refused it")])

    def reason_text(self, reason: str) -> str:
        refusal = refusal_of_reason(reason)
        if refusal is not None:  # the plan's words here, then the cloud's sentence (plan, limit, upgrade)
            return " ".join(
                (
                    QCoreApplication.translate("Plan", refusal.value),
                    reason.split(":", 1)[-1].strip(),
                    self.tr(
                        "Each sync sends it again; it goes up once another offer is paused or the "
                        "plan allows more."
                    ),
                )
            )
        if reason == "offer_id_unavailable":
            return self.tr(
                "Another business already has an offer with this id. Create the offer again as a new offer."
            )
        return arg(self.tr("%1. Change the offer and save it to send it again."), reason.rstrip("."))

    def show_rejected(self, rejected: tuple[RejectedOffer, ...]) -> None:
        self.setRowCount(len(rejected))
        for row, offer in enumerate(rejected):
            name = offer.name or arg(self.tr("offer %1"), offer.offer_id[:8])
            for column, text in enumerate((name, self.reason_text(offer.reason))):
                self.setItem(row, column, QTableWidgetItem(text))
