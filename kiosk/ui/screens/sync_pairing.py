"""The owner's part of the Sync screen: pair with the cloud, or unpair (after a confirmation).

Every choice with consequences is the owner's to make with a button of its own: discarding the
kiosk's own (demo) customers, and keeping the device credential in a file when there is no
keyring. Neither ever happens because a first attempt failed.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.session import Session
from kiosk.ui.sync_control import PairingProblem, PairRequest, SyncControl
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import MessageLine

# problems whose technical text adds something the owner's sentence does not say
SHOW_DETAIL = frozenset({"unreachable", "credential", "not_a_cloud", "refused", "bad_url"})


class PairingPanel(QFrame):
    busy_changed = Signal(bool)

    def __init__(self, control: SyncControl, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.control = control
        self.session = session
        self._discard = False
        self._token_file = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)

        # unpaired: the form
        self.form_box = QWidget()
        form_layout = QVBoxLayout(self.form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            self.tr("Pair this kiosk with your cloud: make a pairing code in the dashboard under Kiosks.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form_layout.addWidget(hint)
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://loyalty.example.com")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. K7PD-3QXA"))
        self.device_name = QLineEdit(platform.node() or "Kiosk")
        form.addRow(self.tr("Cloud address"), self.url)
        form.addRow(self.tr("Pairing code"), self.code)
        form.addRow(self.tr("This kiosk's name"), self.device_name)
        form_layout.addLayout(form)
        buttons = QHBoxLayout()
        self.pair_button = BigButton(self.tr("Pair"), kind="primary", icon_name="check")
        self.discard_button = BigButton(self.tr("Discard local demo data and pair"), kind="danger")
        self.token_file_button = BigButton(self.tr("Keep the credential in a protected file"))
        for button in (self.pair_button, self.discard_button, self.token_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form_layout.addLayout(buttons)
        self.code.returnPressed.connect(self.on_pair_clicked)
        self.pair_button.clicked.connect(self.on_pair_clicked)
        self.discard_button.clicked.connect(self.on_discard_clicked)
        self.token_file_button.clicked.connect(self.on_token_file_clicked)
        layout.addWidget(self.form_box)

        # paired: who with, and unpairing behind a confirmation
        self.paired_box = QWidget()
        paired_row = QHBoxLayout(self.paired_box)
        paired_row.setContentsMargins(0, 0, 0, 0)
        self.paired_text = QLabel()
        self.paired_text.setWordWrap(True)
        self.unpair_button = BigButton(self.tr("Unpair…"), kind="danger")
        self.unpair_button.clicked.connect(self.on_unpair_clicked)
        paired_row.addWidget(self.paired_text, 1)
        paired_row.addWidget(self.unpair_button)
        layout.addWidget(self.paired_box)
        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        confirm = QHBoxLayout(self.confirm_bar)
        confirm_text = QLabel(
            self.tr(
                "Unpair this kiosk? Its cloud credential is wiped and syncing stops. The ledger stays "
                "here with the events still waiting to sync (counted above); pairing again with the "
                "same business, with a new code, sends them."
            )
        )
        confirm_text.setWordWrap(True)
        self.confirm_yes = BigButton(self.tr("Yes, unpair"), kind="danger")
        self.confirm_no = BigButton(self.tr("Cancel"))
        self.confirm_yes.clicked.connect(self.on_unpair_confirmed)
        self.confirm_no.clicked.connect(self.confirm_bar.hide)
        confirm.addWidget(confirm_text, 1)
        confirm.addWidget(self.confirm_yes)
        confirm.addWidget(self.confirm_no)
        layout.addWidget(self.confirm_bar)
        self.message = MessageLine()
        layout.addWidget(self.message)

        control.paired.connect(self.on_paired)
        control.pairing_refused.connect(self.on_pairing_refused)
        control.unpaired.connect(self.on_unpaired)
        control.unpair_failed.connect(self.on_unpair_failed)
        self.reset()
        self.show_paired(None)

    def _say(self, state: str, text: str) -> None:
        self.message.say(state, text)
        self.message.setVisible(bool(text))  # an empty line would leave a gap in the panel

    def reset(self) -> None:
        """Signed out: nothing typed here stays for the next person."""
        self.code.clear()
        self._say("", "")
        self._discard = self._token_file = False
        self.discard_button.hide()
        self.token_file_button.hide()
        self.confirm_bar.hide()
        self._set_busy(False)

    def show_paired(self, cloud_url: str | None) -> None:
        """The form while unpaired; the unpair button once paired (the status above says where)."""
        self.form_box.setVisible(not cloud_url)
        self.paired_box.setVisible(bool(cloud_url))
        if not cloud_url:
            self.confirm_bar.hide()
            return
        self.paired_text.setText(
            self.tr("Unpairing wipes this kiosk's cloud credential and stops syncing; the ledger stays here.")
        )

    def _set_busy(self, busy: bool) -> None:
        for button in (self.pair_button, self.discard_button, self.token_file_button, self.confirm_yes):
            button.setEnabled(not busy)
        self.busy_changed.emit(busy)

    # pairing
    def _request(self) -> None:
        self._set_busy(True)
        self._say("", self.tr("Pairing…"))
        self.control.pair(
            PairRequest(
                url=self.url.text(),
                code=self.code.text(),
                device_name=self.device_name.text(),
                actor=self.session.actor,
                discard_local_data=self._discard,
                use_token_file=self._token_file,
            )
        )

    def on_pair_clicked(self) -> None:
        if not self.pair_button.isEnabled():
            return
        if not self.url.text().strip() or not self.code.text().strip():
            self._say("bad", self.tr("Enter the cloud address and the pairing code."))
            return
        self._request()

    def on_discard_clicked(self) -> None:
        self._discard = True
        self._request()

    def on_token_file_clicked(self) -> None:
        self._token_file = True
        self._request()

    def on_paired(self, paired) -> None:
        self.reset()
        self.show_paired(paired.result.cloud_url)
        self._say("good", self.tr("Paired. The first sync is running; the counter stays open."))

    def on_pairing_refused(self, problem: PairingProblem) -> None:
        self._set_busy(False)
        self.discard_button.setVisible(problem.kind in ("local_data", "other_business"))
        self.token_file_button.setVisible(problem.kind == "no_keyring")
        self._say("bad", self.problem_text(problem))

    def problem_text(self, problem: PairingProblem) -> str:
        texts = {
            "bad_url": self.tr(
                "That cloud address is not valid: it must look like https://loyalty.example.com."
            ),
            "not_owner": self.tr("Only the owner can pair or unpair this kiosk."),
            "already_paired": self.tr("This kiosk is already paired. Unpair it first."),
            "local_data": self.tr(
                "This kiosk holds customers of its own (the demo shop?). Pairing replaces them with "
                "the cloud's customers. Discard them only if they are demo data."
            ),
            "other_business": self.tr(
                "This kiosk holds the customers and events of the business it was paired with before, "
                "and this pairing code is for another business (the code was not used). Pair with a "
                "code of the kiosk's own business to keep them, or discard them."
            ),
            "no_keyring": self.tr(
                "This computer has no keyring to keep the kiosk's cloud credential in. Set one up and "
                "pair again, or keep the credential in a file only this user account can read."
            ),
            "credential": self.tr("The keyring refused to keep the kiosk's credential."),
            "unreachable": arg(
                self.tr("Cannot reach the cloud at %1. Check the address and the network."), problem.url
            ),
            "code_refused": self.tr(
                "The cloud refused this pairing code: it is wrong, already used or expired. "
                "Make a new code in the dashboard."
            ),
            "not_a_cloud": arg(self.tr("%1 answered, but it is not a loyalty cloud."), problem.url),
        }
        text = texts.get(problem.kind, self.tr("The cloud refused the pairing."))
        # the technical detail helps whoever the owner calls; the sentence above is for the owner
        return f"{text}\n{problem.detail}" if problem.detail and problem.kind in SHOW_DETAIL else text

    # unpairing
    def on_unpair_clicked(self) -> None:
        self.confirm_bar.show()
        self.confirm_no.setFocus()

    def on_unpair_confirmed(self) -> None:
        self._set_busy(True)
        self.control.unpair(self.session.actor)

    def on_unpaired(self) -> None:
        self.reset()
        self.show_paired(None)
        self._say("good", self.tr("Unpaired: the credential is wiped and syncing has stopped."))

    def on_unpair_failed(self, why: str) -> None:
        self._set_busy(False)
        self.confirm_bar.hide()
        self._say("bad", arg(self.tr("Unpairing failed: %1"), why))
