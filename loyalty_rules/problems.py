"""What is wrong with an offer someone is setting up: a closed set of codes.

The kiosk shows each in its language (kiosk.domain.problems has the same names; each text
is marked here for the kiosk's translators); the cloud answers with `detail`, the English sentence.
"""

from __future__ import annotations

import enum

from loyalty_rules.translatable import QT_TRANSLATE_NOOP


class OfferProblem(enum.Enum):
    OFFER_NAME_MISSING = QT_TRANSLATE_NOOP("Problem", "Give the offer a name customers will recognise.")
    OFFER_NAME_TOO_LONG = QT_TRANSLATE_NOOP("Problem", "At most 60 characters.")
    # kinds.stamps.LIMITS (a test holds them together)
    OFFER_STAMPS = QT_TRANSLATE_NOOP("Problem", "Between 2 and 50 stamps.")
    OFFER_REWARD_MISSING = QT_TRANSLATE_NOOP("Problem", "Say what the customer gets, e.g. 'a free coffee'.")
    OFFER_REWARD_TOO_LONG = QT_TRANSLATE_NOOP("Problem", "At most 120 characters.")
    OFFER_PER_VISIT = QT_TRANSLATE_NOOP("Problem", "Between 1 and 20 stamps per visit.")
    OFFER_COOLDOWN = QT_TRANSLATE_NOOP("Problem", "Between 0 seconds and one day.")
    OFFER_UNDO_WINDOW = QT_TRANSLATE_NOOP("Problem", "Between 0 seconds and one hour.")
    OFFER_ENDS_BEFORE_START = QT_TRANSLATE_NOOP("Problem", "The end must come after the start.")
    OFFER_COLOUR = QT_TRANSLATE_NOOP("Problem", "A colour like #6d4c41.")
    OFFER_ICON = QT_TRANSLATE_NOOP("Problem", "Choose one of the icons.")
