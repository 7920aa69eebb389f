"""`loyalty-kiosk merge KEEP ABSORB --yes` (kiosk/cli/data.py), run as a script would: a subprocess,
JSON out, exit status 0 done / 2 refused; a refusal or a missing --yes changes nothing."""

from __future__ import annotations

from tests.unit.test_cli_data import run


def _enroll(data, name: str) -> tuple[str, str]:
    status, out = run("enroll", name, data_dir=data)
    assert status == 0, out
    coffee = next(c for c in out["cards"] if c["offer"]["name"] == "Coffee card")
    return out["customer"]["id"], coffee["card_number"]


def test_merge_needs_yes_then_moves_her_cards_and_adds_up_her_stamps(tmp_path):
    status, out = run("demo", data_dir=tmp_path)
    assert status == 0, out
    keep, keep_number = _enroll(tmp_path, "Grace Hopper")
    absorb, absorb_number = _enroll(tmp_path, "G. Hopper")
    status, out = run("scan", absorb_number, data_dir=tmp_path)
    assert status == 0, out
    assert out["card"]["offer"]["name"] == "Coffee card"

    status, out = run("merge", keep, absorb, data_dir=tmp_path)
    assert (status, out["refused"]["reason"]) == (2, "not_confirmed")
    assert run("card", absorb_number, data_dir=tmp_path)[1]["card"]["customer"]["id"] == absorb

    status, out = run("merge", keep, absorb, "--yes", data_dir=tmp_path)
    assert status == 0, out
    assert (out["kept"]["id"], out["absorbed"]["id"]) == (keep, absorb)
    assert out["cards_moved"] >= 1
    assert [c["now"]["units"] for c in out["combined"] if c["offer"] == "Coffee card"] == [1]
    # her other code now shows the kept member, with the summed account
    _, card = run("card", absorb_number, data_dir=tmp_path)
    assert card["card"]["customer"]["id"] == keep
    _, card = run("card", keep_number, data_dir=tmp_path)
    assert card["card"]["customer"]["id"] == keep

    status, out = run("merge", keep, keep, "--yes", data_dir=tmp_path)
    assert (status, out["refused"]["reason"]) == (2, "merge_same_member")
    status, out = run("merge", keep, absorb, "--yes", data_dir=tmp_path)
    assert (status, out["refused"]["reason"]) == (2, "merge_already_merged")
