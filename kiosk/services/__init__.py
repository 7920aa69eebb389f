"""Use cases: each runs the domain rules and the store in one transaction and returns an
outcome value saying what changed."""

from kiosk.services.context import Actor, Context
from kiosk.services.facade import Services

__all__ = ["Actor", "Context", "Services"]
