"""The demo shop a fresh clone opens on: two stamp offers, a few dozen customers, their QR codes."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kiosk.domain.model import ProgramKind, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import customers, identity, offers, staff
from kiosk.services.context import Actor, Context
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding

DEMO_OWNER_PIN = "1234"
DEMO_MANAGER_PIN = "2345"
DEMO_CASHIER_PIN = "1111"

_FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dev",
    "Elif",
    "Finn",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Luca",
    "Maya",
    "Nils",
    "Olga",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Ugo",
    "Vera",
    "Wen",
    "Yusuf",
    "Zoë",
    "Aiko",
    "Bruno",
    "Carla",
    "Dario",
    "Emma",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jade",
    "Karl",
]
_LAST = [
    "Okafor",
    "Müller",
    "Rossi",
    "Nguyen",
    "Silva",
    "Kowalski",
    "Haddad",
    "Tanaka",
    "García",
    "Smith",
    "Jensen",
    "Dubois",
    "Ivanova",
    "Patel",
    "O'Neill",
    "Schmidt",
]


@dataclass(frozen=True)
class DemoShop:
    business_name: str
    customers: int
    qr_files: tuple[Path, ...] = ()
    tokens: dict[str, str] = field(default_factory=dict)  # "customer name / offer" -> QR text


# points per spend, 1 per EUR 1 rounded half up (12.50 earns 13), a coffee for 50, lunch for 120
BAKERY_POINTS = OfferDraft(
    name="Bakery points",
    units_required=50,  # the cheapest reward's cost (loyalty_rules.kinds.points)
    reward_text="a reward from the catalogue",
    per_visit_limit=1,
    cooldown_seconds=0,
    colour="#ef6c00",
    icon="cake",
    kind=ProgramKind.POINTS,
    points=PointsSettings(
        Decimal(1), Rounding.HALF_UP, 0, (Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120))
    ),
)


def create_demo_shop(
    ctx: Context,
    *,
    qr_dir: Path | None = None,
    customers_count: int = 36,
    seed: int = 7,
    points: bool = False,
) -> DemoShop:
    """Idempotent in effect: call only on an empty store (the CLI checks). `points`: add the
    "Bakery points" offer too (its members join it at their first sale); `loyalty-kiosk demo`
    and `./kiosk.sh` do, the tests' and screenshots' shops mostly do not."""
    identity.set_up_business(ctx, "Corner Café (demo)", "Counter 1")
    owner = staff.add_staff(ctx, "Olivia Owner", Role.OWNER, DEMO_OWNER_PIN, actor=None).staff
    actor = Actor(owner.id, owner.name, Role.OWNER)
    staff.add_staff(ctx, "Max Manager", Role.MANAGER, DEMO_MANAGER_PIN, actor=actor)
    staff.add_staff(ctx, "Cara Cashier", Role.CASHIER, DEMO_CASHIER_PIN, actor=actor)
    coffee = offers.save_offer(
        ctx,
        OfferDraft(
            name="Coffee card",
            units_required=10,
            reward_text="a free coffee of any size",
            per_visit_limit=5,
            cooldown_seconds=60,
            colour="#6d4c41",
            icon="coffee",
        ),
        actor=actor,
    )
    lunch = offers.save_offer(
        ctx,
        OfferDraft(
            name="Lunch club",
            units_required=6,
            reward_text="a free sandwich",
            per_visit_limit=2,
            cooldown_seconds=300,
            colour="#2e7d32",
            icon="sandwich",
        ),
        actor=actor,
    )
    if points:
        offers.save_offer(ctx, BAKERY_POINTS, actor=actor)
    rng = random.Random(seed)
    tokens: dict[str, str] = {}
    files: list[Path] = []
    if qr_dir is not None:
        qr_dir.mkdir(parents=True, exist_ok=True)
    for i in range(customers_count):
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[rng.randrange(len(_LAST))]}"
        email = f"{name.split()[0].lower().replace('é', 'e').replace('ë', 'e')}{i}@example.com"
        phone = f"+4917{rng.randrange(10**7, 10**8)}"
        # most join only the coffee card, like most real shops' regulars; every third both stamp
        # cards. Nobody is enrolled in the points offer: a member joins it at her first sale
        program_ids = [coffee.program.id] if i % 3 else [coffee.program.id, lunch.program.id]
        outcome = customers.enroll(
            ctx,
            name,
            email=email,
            phone=phone,
            marketing_consent=rng.random() < 0.5,
            program_ids=program_ids,
            actor=actor,
        )
        for view in outcome.cards:
            token = outcome.tokens[view.card.id]
            tokens[f"{name} / {view.program.name}"] = token
            if qr_dir is not None:
                files.append(_write_qr(qr_dir, i, name, view.program.name, view.card_number, token))
    return DemoShop("Corner Café (demo)", customers_count, tuple(files), tokens)


def _write_qr(qr_dir: Path, index: int, name: str, program: str, number: str, token: str) -> Path:
    import segno

    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{index:02d}-{name}-{program}").strip("-")
    path = qr_dir / f"{safe}.png"
    segno.make(token, error="m", boost_error=False).save(path, scale=8, border=4)
    (qr_dir / f"{safe}.txt").write_text(
        f"{name}\n{program}\ncard number {number}\n{token}\n", encoding="utf-8"
    )
    return path
