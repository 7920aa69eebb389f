"""The installation file that tells a copied data folder from the original (issue 12, item 2)."""

from __future__ import annotations

import json
import shutil

from kiosk.sync.installation import INSTALLATION_FILE, Installation


def test_a_copied_folder_gets_a_new_installation_and_the_sequence_only_grows(tmp_path):
    original = tmp_path / "till"
    original.mkdir()
    first = Installation(original)
    made = first.id
    assert Installation(original).id == made  # kept across starts
    assert [first.next_sequence() for _ in range(3)] == [(made, 1), (made, 2), (made, 3)]
    copy = tmp_path / "copied-till"
    shutil.copytree(original, copy)
    copied = Installation(copy)
    assert copied.id != made
    assert copied.next_sequence() == (copied.id, 1)
    assert json.loads((copy / INSTALLATION_FILE).read_text())["copied_from"] == made
    assert Installation(original).next_sequence() == (made, 4)  # the original is untouched
    # a folder moved away and another put in its place is a new installation too (its inode)
    shutil.move(original, tmp_path / "moved")
    shutil.copytree(tmp_path / "moved", original)
    assert Installation(original).id not in (made, copied.id)


def test_a_folder_that_cannot_take_the_number_still_syncs(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    card_id, _token = kiosk.enroll()
    (kiosk.data_dir / INSTALLATION_FILE).unlink(missing_ok=True)
    (kiosk.data_dir / INSTALLATION_FILE).mkdir()  # unwritable as a file: the number cannot be kept
    status = kiosk.engine(cloud.http).run_round()
    assert status.online
    assert status.accepted == 1
    assert cloud.owner.card(card_id)["balance"]["units"] == 0
