"""Balances derived from events: the shared rules (loyalty_rules.ledger), named here for the
kiosk's modules. The card row caches the result of `apply`; a recompute with `balance_of` over
the same events must always agree (tests check this with hypothesis). `combined`: one account
over the live cards a merged member holds in one program (loyalty_rules.merges)."""

from __future__ import annotations

from loyalty_rules.ledger import apply, balance_of, reversal_of, void_of
from loyalty_rules.merges import combined

__all__ = ["apply", "balance_of", "combined", "reversal_of", "void_of"]
