"""What is wrong with an offer someone is setting up: a closed set of codes.

The kiosk shows each in its language (kiosk.domain.problems has the same names); the cloud
answers with `detail`, the English sentence.
"""

from __future__ import annotations

import enum


class OfferProblem(enum.Enum):
    OFFER_NAME_MISSING = "Give the offer a name customers will recognise."
    OFFER_NAME_TOO_LONG = "At most 60 characters."
    OFFER_STAMPS = "Between 2 and 50 stamps."  # kinds.stamps.LIMITS (a test holds them together)
    OFFER_REWARD_MISSING = "Say what the customer gets, e.g. 'a free coffee'."
    OFFER_REWARD_TOO_LONG = "At most 120 characters."
    OFFER_PER_VISIT = "Between 1 and 20 stamps per visit."
    OFFER_COOLDOWN = "Between 0 seconds and one day."
    OFFER_UNDO_WINDOW = "Between 0 seconds and one hour."
    OFFER_ENDS_BEFORE_START = "The end must come after the start."
    OFFER_COLOUR = "A colour like #6d4c41."
    OFFER_ICON = "Choose one of the icons."
