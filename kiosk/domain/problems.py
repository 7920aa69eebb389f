"""What is wrong with a field someone typed in: a closed set, so every one can be translated.

Each problem's value is its English text (a template for the few with numbers), written only
here and marked for the translators (the UI translates it by that text); an offer's problems are
the shared rules' (loyalty_rules.problems), worded there once. The UI translates by problem, never
by the rendered sentence; the command line prints the English.
"""

from __future__ import annotations

import enum

from kiosk.domain.refusals import Reason, Refusal
from loyalty_rules.problems import OfferProblem, RedeemProblem, SaleProblem
from loyalty_rules.translatable import QT_TRANSLATE_NOOP


class Problem(enum.Enum):
    NAME_MISSING = QT_TRANSLATE_NOOP("Problem", "enter the customer's name")
    NAME_TOO_LONG = QT_TRANSLATE_NOOP("Problem", "at most {max} ordinary characters")
    EMAIL_INVALID = QT_TRANSLATE_NOOP("Problem", "that is not an email address")
    PHONE_INVALID = QT_TRANSLATE_NOOP("Problem", "use digits, spaces and an optional +")
    PIN_INVALID = QT_TRANSLATE_NOOP("Problem", "4 to 8 digits")
    COUNTRY_UNKNOWN = QT_TRANSLATE_NOOP("Problem", "choose a country from the list")
    STAFF_NAME_INVALID = QT_TRANSLATE_NOOP("Problem", "1 to 100 characters")
    NO_SUCH_STAFF = QT_TRANSLATE_NOOP("Problem", "no such person")
    LAST_OWNER = QT_TRANSLATE_NOOP("Problem", "the shop needs at least one active owner")
    NO_SUCH_OFFER = QT_TRANSLATE_NOOP("Problem", "no such offer")
    NO_RUNNING_OFFER = QT_TRANSLATE_NOOP("Problem", "no offer is running; create one first")
    CHOOSE_RUNNING_OFFER = QT_TRANSLATE_NOOP("Problem", "choose at least one running offer")
    SEARCH_EMPTY = QT_TRANSLATE_NOOP("Problem", "type something to search")
    SEARCH_TOO_LONG = QT_TRANSLATE_NOOP("Problem", "too long")
    ADJUST_UNITS = QT_TRANSLATE_NOOP("Problem", "a whole number from -{max} to {max}, not 0")
    ADJUST_REASON = QT_TRANSLATE_NOOP("Problem", "say why, in at most 200 characters")
    BALANCE_NEGATIVE = QT_TRANSLATE_NOOP("Problem", "the balance cannot go below zero")
    NO_ISSUING_KEY = QT_TRANSLATE_NOOP("Problem", "no key to issue cards; finish the set-up first")
    REPORT_DAYS = QT_TRANSLATE_NOOP("Problem", "a report covers 1 to {max} days")
    NO_SUCH_CUSTOMER = QT_TRANSLATE_NOOP("Problem", "no such customer")
    # the "Referred by" field at enrolment: no card or member has this code or card number
    REFERRER_UNKNOWN = QT_TRANSLATE_NOOP(
        "Problem", "no member has this code or card number: scan her card again, or leave it empty"
    )
    ERASE_IN_THE_CLOUD = QT_TRANSLATE_NOOP(
        "Problem",
        "this kiosk is paired with the cloud, which holds the customer's data: erase the customer in "
        "the cloud; this kiosk applies it at its next sync",
    )
    OFFER_NAME_MISSING = OfferProblem.OFFER_NAME_MISSING.value
    OFFER_NAME_TOO_LONG = OfferProblem.OFFER_NAME_TOO_LONG.value
    OFFER_STAMPS = OfferProblem.OFFER_STAMPS.value
    OFFER_REWARD_MISSING = OfferProblem.OFFER_REWARD_MISSING.value
    OFFER_REWARD_TOO_LONG = OfferProblem.OFFER_REWARD_TOO_LONG.value
    OFFER_PER_VISIT = OfferProblem.OFFER_PER_VISIT.value
    OFFER_COOLDOWN = OfferProblem.OFFER_COOLDOWN.value
    OFFER_UNDO_WINDOW = OfferProblem.OFFER_UNDO_WINDOW.value
    OFFER_ENDS_BEFORE_START = OfferProblem.OFFER_ENDS_BEFORE_START.value
    OFFER_COLOUR = OfferProblem.OFFER_COLOUR.value
    OFFER_ICON = OfferProblem.OFFER_ICON.value
    OFFER_POINTS_RATE = OfferProblem.OFFER_POINTS_RATE.value
    OFFER_POINTS_ROUNDING = OfferProblem.OFFER_POINTS_ROUNDING.value
    OFFER_POINTS_MINIMUM = OfferProblem.OFFER_POINTS_MINIMUM.value
    OFFER_POINTS_EXPIRY = OfferProblem.OFFER_POINTS_EXPIRY.value
    OFFER_CATALOGUE_SIZE = OfferProblem.OFFER_CATALOGUE_SIZE.value
    OFFER_CATALOGUE_ID = OfferProblem.OFFER_CATALOGUE_ID.value
    OFFER_CATALOGUE_NAME = OfferProblem.OFFER_CATALOGUE_NAME.value
    OFFER_CATALOGUE_COST = OfferProblem.OFFER_CATALOGUE_COST.value
    OFFER_POINTS_CHEAPEST = OfferProblem.OFFER_POINTS_CHEAPEST.value
    OFFER_TIER_COUNT = OfferProblem.OFFER_TIER_COUNT.value
    OFFER_TIER_NAME = OfferProblem.OFFER_TIER_NAME.value
    OFFER_TIER_FIRST = OfferProblem.OFFER_TIER_FIRST.value
    OFFER_TIER_RISING = OfferProblem.OFFER_TIER_RISING.value
    OFFER_TIER_MULTIPLIER = OfferProblem.OFFER_TIER_MULTIPLIER.value
    OFFER_TIER_WINDOW = OfferProblem.OFFER_TIER_WINDOW.value
    OFFER_REWARD_TIER = OfferProblem.OFFER_REWARD_TIER.value
    # a points sale and a catalogue reward (loyalty_rules.problems words them)
    AMOUNT_INVALID = SaleProblem.AMOUNT_INVALID.value
    AMOUNT_NEGATIVE = SaleProblem.AMOUNT_NEGATIVE.value
    AMOUNT_TOO_LARGE = SaleProblem.AMOUNT_TOO_LARGE.value
    BELOW_MINIMUM_SPEND = SaleProblem.BELOW_MINIMUM_SPEND.value
    TOO_SMALL_FOR_A_POINT = SaleProblem.TOO_SMALL_FOR_A_POINT.value
    NO_SUCH_REWARD = RedeemProblem.NO_SUCH_REWARD.value
    CANNOT_AFFORD = RedeemProblem.CANNOT_AFFORD.value
    TIER_TOO_LOW = RedeemProblem.TIER_TOO_LOW.value
    NOT_A_POINTS_PROGRAM = QT_TRANSLATE_NOOP("Problem", "this card's offer collects stamps, not points")
    # an A/B test of offers (kiosk/services/experiments.py)
    TEST_NAME = QT_TRANSLATE_NOOP("Problem", "1 to 60 characters")
    TEST_ARMS = QT_TRANSLATE_NOOP("Problem", "choose two different offers, or one offer and the control")
    TEST_OFFER_TAKEN = QT_TRANSLATE_NOOP("Problem", "{offer} is already in a running A/B test")
    TEST_CONTROL_UNSEEN = QT_TRANSLATE_NOOP(
        "Problem",
        "the control group's visits are counted in another running offer: keep one outside the test",
    )
    TEST_DAYS = QT_TRANSLATE_NOOP("Problem", "1 to {max} days")
    TEST_HORIZON = QT_TRANSLATE_NOOP("Problem", "2 to {max} members per arm")
    SHOP_NAME_MISSING = QT_TRANSLATE_NOOP("Problem", "enter the shop's name")
    SHOP_NAME_TOO_LONG = QT_TRANSLATE_NOOP("Problem", "at most 80 characters")
    ZONE_UNKNOWN = QT_TRANSLATE_NOOP("Problem", "choose a time zone from the list")
    CURRENCY_UNKNOWN = QT_TRANSLATE_NOOP("Problem", "choose a currency from the list")
    PINS_DIFFER = QT_TRANSLATE_NOOP("Problem", "the two PINs differ")
    SHOP_SET_UP = QT_TRANSLATE_NOOP("Problem", "this kiosk is set up already")

    def text(self, **params: object) -> str:
        return str(self.value).format(**params) if params else str(self.value)


def invalid(field: str, problem: Problem, **params: object) -> Refusal:
    """An INVALID_INPUT refusal that names the field and the problem (with its parameters)."""
    return Refusal(
        Reason.INVALID_INPUT,
        {
            "field": field,
            "problem": problem.text(**params),
            "problem_code": problem,
            "problem_params": params,
        },
    )
