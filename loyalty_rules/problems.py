"""What is wrong with an offer someone is setting up, or with a points sale or redemption at the
counter: closed sets of codes.

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
    # kinds.points.LIMITS (a test holds them together)
    OFFER_POINTS_RATE = QT_TRANSLATE_NOOP(
        "Problem", "Points per 1 of the currency: more than 0, at most 100, at most 2 decimals."
    )
    OFFER_POINTS_ROUNDING = QT_TRANSLATE_NOOP("Problem", "Choose how points are rounded.")
    OFFER_POINTS_MINIMUM = QT_TRANSLATE_NOOP("Problem", "A minimum spend from 0 to 10,000.")
    OFFER_POINTS_EXPIRY = QT_TRANSLATE_NOOP(
        "Problem", "Points expire after 1 to 60 months without a visit, or never."
    )
    OFFER_CATALOGUE_SIZE = QT_TRANSLATE_NOOP("Problem", "Between 1 and 20 rewards in the catalogue.")
    OFFER_CATALOGUE_ID = QT_TRANSLATE_NOOP(
        "Problem", "Each reward needs its own short code (1 to 40 characters)."
    )
    OFFER_CATALOGUE_NAME = QT_TRANSLATE_NOOP("Problem", "Name the reward in 1 to 60 characters.")
    OFFER_CATALOGUE_COST = QT_TRANSLATE_NOOP("Problem", "Between 1 and 100,000 points.")
    # a points offer's units_required (the wire's stamps_required) against its catalogue
    OFFER_POINTS_CHEAPEST = QT_TRANSLATE_NOOP(
        "Problem", "The points for the cheapest reward must be the catalogue's cheapest cost."
    )
    # a points offer's tier scheme (loyalty_rules.tiers.problems words each; the editor marks the field)
    OFFER_TIER_COUNT = QT_TRANSLATE_NOOP("Problem", "Between 2 and 6 tiers.")
    OFFER_TIER_NAME = QT_TRANSLATE_NOOP("Problem", "Each tier needs its own name of at most 24 characters.")
    OFFER_TIER_FIRST = QT_TRANSLATE_NOOP("Problem", "The first tier starts at 0.")
    OFFER_TIER_RISING = QT_TRANSLATE_NOOP("Problem", "Each tier needs more than the one before it.")
    OFFER_TIER_MULTIPLIER = QT_TRANSLATE_NOOP(
        "Problem", "A multiplier from 1 to 5, with at most one decimal, e.g. 1.5."
    )
    OFFER_TIER_WINDOW = QT_TRANSLATE_NOOP("Problem", "A window of 1 to 36 months.")
    OFFER_REWARD_TIER = QT_TRANSLATE_NOOP("Problem", "Choose one of the offer's tiers, or none.")


class SaleProblem(enum.Enum):
    """Why a sale amount earns no points: the cashier sees it at the counter, the cloud refuses a
    pushed earn with it."""

    AMOUNT_INVALID = QT_TRANSLATE_NOOP("Problem", "Type the sale amount, e.g. 12.50.")
    AMOUNT_NEGATIVE = QT_TRANSLATE_NOOP("Problem", "A sale amount cannot be negative; use undo for a refund.")
    AMOUNT_TOO_LARGE = QT_TRANSLATE_NOOP("Problem", "That amount is too large for one sale; check it.")
    BELOW_MINIMUM_SPEND = QT_TRANSLATE_NOOP("Problem", "The sale is below this offer's minimum spend.")
    TOO_SMALL_FOR_A_POINT = QT_TRANSLATE_NOOP("Problem", "That sale is too small to earn a point.")


class RedeemProblem(enum.Enum):
    """Why a catalogue reward cannot be redeemed."""

    NO_SUCH_REWARD = QT_TRANSLATE_NOOP("Problem", "That reward is not in this offer's catalogue.")
    CANNOT_AFFORD = QT_TRANSLATE_NOOP("Problem", "Not enough points for that reward.")
    # a reward kept for a tier and above (loyalty_rules.tiers.may_take); {tier}: its lowest tier
    TIER_TOO_LOW = QT_TRANSLATE_NOOP("Problem", "Only {tier} members and above may take this reward.")
