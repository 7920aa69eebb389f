"""Checking an offer a manager is setting up: the shared rules (loyalty_rules.offers), with
each problem as the kiosk's Problem (the one the screens translate)."""

from __future__ import annotations

from kiosk.domain.problems import Problem
from loyalty_rules import offers as shared
from loyalty_rules.model import Program
from loyalty_rules.offers import ICONS, OfferDraft

__all__ = ["ICONS", "OfferDraft", "check_offer", "program_from"]


def check_offer(draft: OfferDraft) -> dict[str, Problem]:
    """Field name -> what is wrong with it. Empty when the draft can be saved."""
    return {name: Problem[problem.name] for name, problem in shared.check_offer(draft).items()}


def program_from(draft: OfferDraft, program_id: str) -> Program:
    return shared.program_from(draft, program_id)
