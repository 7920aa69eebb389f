"""The owner's settings for this kiosk: look, language, sound, sign-out, receipts, kiosk mode, the
scanner (kiosk/ui/screens/settings_scanner.py) and the shop's data (settings_data.py).

Saving writes a file, so it runs on the store worker; the screen hears the saved settings (or
why they were not saved) through its own request's callbacks and never touches the disk itself."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.phones import region_choices
from kiosk.settings import KioskSettings
from kiosk.ui.screens.settings_data import DataSection
from kiosk.ui.screens.settings_scanner import ScannerSection, scanner_changed
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.theme import apply_theme
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapCheckBox
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.widgets.paper import PaperChoice
from kiosk.ui.workers import StoreWorker, save_settings_call


class SettingsScreen(QWidget):
    def __init__(
        self,
        worker: StoreWorker,
        session: Session,
        settings: KioskSettings,
        data_dir: Path,
        window,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.settings = settings
        self.started_with = settings  # what the scanners were built from (they change on restart)
        self.data_dir = data_dir
        self.window_ = window
        layout, _ = screen_layout(self, self.tr("Settings"))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Deutsch", "de")
        self.sound = WrapCheckBox(self.tr("Play a sound after each scan"))
        self.idle = QSpinBox()
        self.idle.setRange(30, 86_400)
        self.idle.setSuffix(self.tr(" s"))
        self.receipt = PaperChoice(settings.receipt_width_mm)
        self.kiosk_mode = WrapCheckBox(self.tr("Kiosk mode: full screen; leaving needs a manager's PIN"))
        self.offline_cap = QSpinBox()
        self.offline_cap.setRange(1, 100)
        self.offline_cap.setToolTip(
            self.tr(
                "While the cloud has not confirmed them, a card can redeem at most this many rewards "
                "here (a copied card redeemed at two offline kiosks is caught at the next sync)."
            )
        )
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Language (after a restart)"), self.language)
        form.addRow(self.tr("Sound"), self.sound)
        form.addRow(self.tr("Sign out after no activity for"), self.idle)
        form.addRow(self.tr("Card printing"), self.receipt)
        form.addRow(self.tr("Rewards per card while offline"), self.offline_cap)
        # numbers typed without +country are read as this country's (kept in the ledger's settings)
        self.phone_region = QComboBox()  # filled in the language of the screen by `fill`
        form.addRow(self.tr("Country for phone numbers"), self.phone_region)
        form.addRow("", self.kiosk_mode)
        self.scanner = ScannerSection()
        # two tabs: each fits a 1024×768 screen without scrolling (one long form would not)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.setContentsMargins(0, 12, 0, 0)
        general_layout.addLayout(form)
        general_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(self.scanner, self.tr("Scanner"))
        self.data = DataSection(worker, session)
        self.tabs.addTab(self.data, self.tr("Data"))
        layout.addWidget(self.tabs, 1)
        self.save_button = BigButton(self.tr("Save settings"), kind="primary", icon_name="check")
        self.save_button.clicked.connect(self.on_save_clicked)
        layout.addWidget(self.save_button)
        self.message = MessageLine()
        layout.addWidget(self.message)
        self.region_on_disk: str | None = None
        self.fill(settings)

    def activate(self) -> None:
        self.worker.op(self, lambda s: s.phone_region()).success(
            self.on_phone_region_read
        ).run_in_background()

    def fill(self, settings: KioskSettings) -> None:
        if not self.phone_region.count():  # named in the interface's language (see ui/i18n.py)
            for code, name in region_choices(QLocale().name().split("_")[0]):
                self.phone_region.addItem(name, code)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme))
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.sound.setChecked(settings.sound)
        self.idle.setValue(settings.idle_sign_out_seconds)
        self.receipt.setCurrentIndex(max(0, self.receipt.findData(settings.receipt_width_mm)))
        self.kiosk_mode.setChecked(settings.kiosk_mode)
        self.offline_cap.setValue(settings.offline_redemption_cap)
        self.scanner.fill(settings)

    def chosen(self) -> KioskSettings:
        return dataclasses.replace(
            self.settings,
            theme=self.theme.currentData(),
            language=self.language.currentData(),
            sound=self.sound.isChecked(),
            idle_sign_out_seconds=self.idle.value(),
            receipt_width_mm=self.receipt.receipt_width(),
            kiosk_mode=self.kiosk_mode.isChecked(),
            offline_redemption_cap=self.offline_cap.value(),
        )

    def on_save_clicked(self) -> None:
        chosen, errors = self.scanner.apply_to(self.chosen())
        self.scanner.show_errors(errors)
        if chosen is None:
            self.tabs.setCurrentWidget(self.scanner)  # the marked fields must be in sight
            self.message.say("bad", self.tr("Nothing was saved: correct the marked fields."))
            return
        self.save_button.setEnabled(False)  # one save at a time; back on when the worker answers
        self.message.say("idle", self.tr("Saving…"))
        region = self.phone_region.currentData()
        if self.region_on_disk is not None and region != self.region_on_disk and self.session.actor:
            actor = self.session.actor
            self.worker.op(self, lambda s: s.set_phone_region(region, actor=actor)).success(
                self.on_phone_region_read
            ).run_in_background()
        self.worker.op(self, save_settings_call(self.data_dir, chosen)).success(
            self.on_settings_saved
        ).refused(self.on_settings_save_failed).failure(self.on_failed).run_in_background()

    def on_failed(self, _error: Exception) -> None:
        self.save_button.setEnabled(True)  # the window has said what went wrong: try again
        self.message.say("", "")

    def on_phone_region_read(self, code) -> None:
        if isinstance(code, str):
            self.region_on_disk = code
            self.phone_region.setCurrentIndex(max(0, self.phone_region.findData(code)))

    def on_settings_save_failed(self, failure) -> None:
        self.save_button.setEnabled(True)
        self.message.say("bad", arg(self.tr("The settings could not be saved: %1"), failure.reason))

    def on_settings_saved(self, settings: KioskSettings) -> None:
        self.save_button.setEnabled(True)
        self.settings = settings
        apply_theme(QApplication.instance(), settings.theme)
        self.session.set_idle_interval_ms(settings.idle_sign_out_seconds * 1000)
        if settings.kiosk_mode != self.window_.kiosk_mode:
            self.window_.set_kiosk_mode(settings.kiosk_mode)
        if scanner_changed(self.started_with, settings):
            self.message.say(
                "good", self.tr("Settings saved. Restart the kiosk to use the new scanner settings.")
            )
        else:
            self.message.say("good", self.tr("Settings saved."))
