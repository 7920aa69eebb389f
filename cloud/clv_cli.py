"""`loyalty-cloud clv-fit FILE`: fit the churn and lifetime-value models on a purchase file.

Prints the fitted BG/NBD (visits) and Gamma-Gamma (spend) parameters and the holdout check as
JSON on stdout. A file that cannot be read, a bad line or a calibration period the data cannot
hold is reported on stderr with exit code 2; a fit that did not converge prints its result and
exits 1.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from cloud.insights import holdout
from cloud.insights._optimize import FitError
from cloud.insights.purchases import PurchaseFileError, read_purchases, split


def add_parser(sub) -> None:
    p = sub.add_parser(
        "clv-fit",
        help="fit the BG/NBD and Gamma-Gamma models on a purchase file and check the holdout",
        description="FILE: one purchase per line, 'customer sample_id YYYYMMDD quantity amount' "
        "(the CDNOW layout). Weeks count from the file's first day.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--calibration-weeks",
        type=int,
        required=True,
        help="fit on the first N weeks; the rest of the file is the holdout",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = holdout.check(split(read_purchases(args.file), args.calibration_weeks))
    except (PurchaseFileError, FitError) as exc:
        print(f"loyalty-cloud clv-fit: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(_finite(holdout.as_json(result)), indent=2, allow_nan=False))
    if not result.converged:
        print(
            "loyalty-cloud clv-fit: a fit found no maximum (a parameter ran to the edge of its range or the "
            "search did not settle: customers may be too alike, or none seem to leave); the estimates and "
            "forecasts are unreliable",
            file=sys.stderr,
        )
        return 1
    return 0


def _finite(value):
    """The JSON with null for a number a degenerate fit left undefined (JSON has no NaN)."""
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
