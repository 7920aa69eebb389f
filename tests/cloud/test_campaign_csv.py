"""cloud/campaign_csv.py joins its rows by hand: the text must be what the csv module writes for the
same cells, for every awkward name, email and phone, and read back to the same cells."""

from __future__ import annotations

import csv
import io
import itertools

from cloud.campaign_csv import CHUNK, CSV_FIELDS, csv_chunks
from cloud.rfm_scores import CampaignList
from loyalty_rules.money import units_text
from loyalty_rules.rfm import Segment

AWKWARD = [
    'Ann, the "Great"',
    "two\nlines",
    "carriage\rreturn",
    '=HYPERLINK("http://x")',
    "+49 30 1234",
    "-5",
    "@home",
    "\tindented",
    "Jürgen Müller",
    "",
    None,
    'just a " quote',
    ",",
    "plain",
]


def _listed(n: int, any_spend: bool) -> CampaignList:
    texts = list(itertools.islice(itertools.cycle(AWKWARD), n))
    segments = list(Segment)
    return CampaignList(
        member=[f"m{i:05d}" for i in range(n)],
        name=texts,
        email=texts[::-1],
        phone=texts[3:] + texts[:3],
        marketing_consent=[i % 3 != 0 for i in range(n)],
        last_visit=[f"2026-0{1 + i % 9}-1{i % 10}" for i in range(n)],
        visit_days=[1 + i % 40 for i in range(n)],
        spend_minor=[None if i % 4 == 0 else 125 * i for i in range(n)],
        recency=[1 + i % 5 for i in range(n)],
        frequency=[1 + i // 5 % 5 for i in range(n)],
        monetary=[1 + i // 25 % 5 for i in range(n)],
        segment=[segments[i % len(segments)] for i in range(n)],
        any_spend=any_spend,
    )


def _as_the_csv_module_writes(listed: CampaignList, per_unit: int) -> str:
    """The same cells through csv.writer: the formula guard, then the excel dialect's quoting."""

    def cell(value: str | None) -> str:
        text = value or ""
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for i, member in enumerate(listed.member):
        consent = listed.marketing_consent[i]
        spend = listed.spend_minor[i]
        writer.writerow(
            [
                member,
                cell(listed.name[i]),
                cell(listed.email[i]) if consent else "",
                cell(listed.phone[i]) if consent else "",
                listed.last_visit[i],
                listed.visit_days[i],
                "" if spend is None else units_text(spend, per_unit),
                listed.recency[i],
                listed.frequency[i],
                listed.monetary[i] if listed.any_spend else "",
                listed.segment[i].value,
            ]
        )
    return buf.getvalue()


def test_the_hand_joined_rows_are_the_csv_modules_text_over_several_chunks():
    cases = ((0, False, 100), (1, True, 1), (2 * CHUNK + 37, True, 100), (50, False, 1000))
    for n, any_spend, per_unit in cases:
        listed = _listed(n, any_spend)
        text = "".join(csv_chunks(listed, per_unit))
        assert text == _as_the_csv_module_writes(listed, per_unit), (n, any_spend)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == n
        for i, row in enumerate(rows):
            name = listed.name[i] or ""
            assert row["name"].removeprefix("'") == name  # read back whole, guard aside
            assert row["name"].startswith("'") == (name[:1] in ("=", "+", "-", "@", "\t", "\r"))
            assert row["email"] == ("" if not listed.marketing_consent[i] else row["email"])
            assert row["monetary_score"] == (str(listed.monetary[i]) if any_spend else "")


def test_every_chunk_ends_its_last_line():
    chunks = list(csv_chunks(_listed(CHUNK + 1, True), 100))
    assert len(chunks) == 3  # the header, a full chunk, one row
    assert all(c.endswith("\r\n") for c in chunks)
    assert [len(row) for row in csv.reader(io.StringIO(chunks[2], newline=""))] == [len(CSV_FIELDS)]
