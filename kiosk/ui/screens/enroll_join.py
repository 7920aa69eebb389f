"""The enrolment screen's "Join on your phone" panel: this till's join link as a big QR, the
short address under it, and a Close. A customer scans it with her phone's camera, joins on the
cloud's join page while the cashier serves the next one, and shows her new code for her first
stamp. Without a link (a standalone kiosk, or one that has not fetched it) it says why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.domain.till_join import NoJoinLink, TillJoinLink
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapLabel
from kiosk.ui.widgets.qr_view import qr_pixmap

# a short join address is a version 3 or 4 code (29-33 modules plus the quiet zone): at 10 px a
# module the code is about 400 px, some 10 cm on a counter screen, read by a phone at arm's length
QR_MODULE_PX = 10
QR_MIN_SIDE = 360


class JoinOnPhonePanel(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinOnPhonePanel")
        self.link: TillJoinLink | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("Join on your phone"))
        self.heading.setObjectName("cardTitle")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = WrapLabel(
            self.tr(
                "Scan this with your phone's camera and join. Then show your new code here for your "
                "first stamp."
            )
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QLabel()
        self.qr.setObjectName("joinQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(QR_MIN_SIDE, QR_MIN_SIDE)
        self.address = QLabel()
        self.address.setObjectName("joinAddress")
        self.address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why_none = WrapLabel("")
        self.why_none.setObjectName("joinWhyNone")
        self.why_none.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.close_button = BigButton(self.tr("Close"), icon_name="cross")
        self.close_button.clicked.connect(self.closed.emit)
        box.addWidget(self.heading)
        box.addWidget(self.hint)
        box.addWidget(self.qr, 1)
        box.addWidget(self.address)
        box.addWidget(self.why_none, 1)
        box.addWidget(self.close_button)

    def show_link(self, found: TillJoinLink | NoJoinLink) -> None:
        has_link = isinstance(found, TillJoinLink)
        self.link = found if has_link else None
        for part in (self.hint, self.qr, self.address):
            part.setVisible(has_link)
        self.why_none.setVisible(not has_link)
        if has_link:
            # whole pixels a module, never smoothed: a blurred edge is what a phone misreads
            self.qr.setPixmap(qr_pixmap(found.url, QR_MODULE_PX))
            self.address.setText(_short(found.url))
            self.why_none.setText("")
        else:
            self.qr.clear()
            self.address.setText("")
            self.why_none.setText(self._why(found))
        self.close_button.setFocus()

    def _why(self, reason: NoJoinLink) -> str:
        if reason is NoJoinLink.STANDALONE:
            return self.tr(
                "This kiosk works on its own, without a cloud, so there is no join page to show. "
                "An owner can pair it on the Sync screen."
            )
        return self.tr(
            "This till has not fetched its join page from the cloud yet. It does so at its next "
            "sync; try again once the kiosk is online."
        )


def _short(url: str) -> str:
    """The address as a person would type it: without https://."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return url[len(prefix) :]
    return url
