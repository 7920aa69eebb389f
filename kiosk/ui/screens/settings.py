"""The owner's settings for this kiosk: look, language, sound, sign-out, receipts, kiosk mode."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFormLayout, QSpinBox, QWidget

from kiosk.settings import KioskSettings
from kiosk.ui.session import Session
from kiosk.ui.theme import apply_theme
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.workers import StoreWorker


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
        self.sound = QCheckBox(self.tr("Play a sound after each scan"))
        self.idle = QSpinBox()
        self.idle.setRange(30, 86_400)
        self.idle.setSuffix(self.tr(" s"))
        self.receipt = QComboBox()
        for label, width in (
            (self.tr("A4 page"), 0),
            (self.tr("Receipt 80 mm"), 80),
            (self.tr("Receipt 58 mm"), 58),
        ):
            self.receipt.addItem(label, width)
        self.kiosk_mode = QCheckBox(self.tr("Kiosk mode: full screen; leaving needs a manager's PIN"))
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Language (after a restart)"), self.language)
        form.addRow(self.tr("Sound"), self.sound)
        form.addRow(self.tr("Sign out after no activity for"), self.idle)
        form.addRow(self.tr("Card printing"), self.receipt)
        form.addRow("", self.kiosk_mode)
        layout.addLayout(form)
        self.save_button = BigButton(self.tr("Save settings"), kind="primary", icon_name="check")
        self.save_button.clicked.connect(self.on_save_clicked)
        layout.addWidget(self.save_button)
        self.message = MessageLine()
        layout.addWidget(self.message)
        layout.addStretch(1)
        worker.settings_saved.connect(self.on_settings_saved)
        self.fill(settings)

    def fill(self, settings: KioskSettings) -> None:
        self.theme.setCurrentIndex(self.theme.findData(settings.theme))
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.sound.setChecked(settings.sound)
        self.idle.setValue(settings.idle_sign_out_seconds)
        self.receipt.setCurrentIndex(max(0, self.receipt.findData(settings.receipt_width_mm)))
        self.kiosk_mode.setChecked(settings.kiosk_mode)

    def chosen(self) -> KioskSettings:
        return dataclasses.replace(
            self.settings,
            theme=self.theme.currentData(),
            language=self.language.currentData(),
            sound=self.sound.isChecked(),
            idle_sign_out_seconds=self.idle.value(),
            receipt_width_mm=int(self.receipt.currentData()),
            kiosk_mode=self.kiosk_mode.isChecked(),
        )

    def on_save_clicked(self) -> None:
        self.worker.save_settings(self.data_dir, self.chosen())

    def on_settings_saved(self, settings: KioskSettings) -> None:
        self.settings = settings
        apply_theme(QApplication.instance(), settings.theme)
        self.session.set_idle_interval_ms(settings.idle_sign_out_seconds * 1000)
        if settings.kiosk_mode != self.window_.kiosk_mode:
            self.window_.set_kiosk_mode(settings.kiosk_mode)
        self.message.say("good", self.tr("Settings saved."))
