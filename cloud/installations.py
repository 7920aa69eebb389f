"""Two tills behind one device credential: a copied data folder.

A kiosk sends the id of its installation (made per data folder, new when the folder is
copied elsewhere) with every push, and a push sequence number that only grows. The cloud keeps
each installation it saw per device, in the order they appeared:

- a new installation alone is a move (the old folder stops): nothing to say yet;
- an installation pushing again after a newer one appeared means both are in use: a clone;
- the same installation sending a sequence number it already used means two copies of one
  folder (a disk image cloned with its machine id) are pushing on their own: a clone as well.

Either way the device is marked (`credential_shared_at`), the owner's audit log says so once,
and every sync answer tells the kiosk, whose Sync screen tells the owner what to do.
A kiosk that sends no installation (wire v1 before this) is never checked.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cloud.deps import Actor, audit
from cloud.models import Device, DeviceInstallation

INSTALLATION_HEADER = "Kiosk-Installation"
SEQUENCE_HEADER = "Kiosk-Push-Sequence"


def parse_installation(raw: str | None) -> str | None:
    """A UUID, or None for a header that is missing or not one (never an error: old kiosks)."""
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw.strip()))
    except ValueError:
        return None


def parse_sequence(raw: str | None) -> int | None:
    try:
        value = int(raw) if raw else None
    except ValueError:
        return None
    return value if value is not None and 0 < value < 2**63 else None


def note(
    session: Session, device: Actor, installation: str | None, sequence: int | None, when: datetime
) -> bool:
    """Record this push's installation; True when the device's credential is (now or already)
    known to be shared by two installations."""
    row = session.get(Device, device.device_id)
    if installation is None:
        return row.credential_shared_at is not None
    seen = session.get(DeviceInstallation, (device.device_id, installation))
    why = None
    if seen is None:
        last = session.scalar(
            select(func.max(DeviceInstallation.ordinal)).where(
                DeviceInstallation.device_id == device.device_id
            )
        )
        session.add(
            DeviceInstallation(
                device_id=device.device_id,
                installation_id=installation,
                first_seen=when,
                last_seen=when,
                last_sequence=sequence,
                ordinal=(last or 0) + 1,
            )
        )
        if last:
            audit(
                session,
                device,
                when,
                "device.installation_new",
                "device",
                device.device_id,
                {"installation": installation, "installations_seen": last + 1},
            )
    else:
        newer = session.scalar(
            select(DeviceInstallation.installation_id)
            .where(
                DeviceInstallation.device_id == device.device_id,
                DeviceInstallation.ordinal > seen.ordinal,
            )
            .limit(1)
        )
        if newer is not None:
            why = {"reason": "older_installation_returned", "installations": [installation, newer]}
        elif sequence is not None and seen.last_sequence is not None and sequence <= seen.last_sequence:
            why = {
                "reason": "sequence_repeated",
                "installations": [installation],
                "sequence": sequence,
                "last_sequence": seen.last_sequence,
            }
        seen.last_seen = when
        if sequence is not None:
            seen.last_sequence = max(sequence, seen.last_sequence or 0)
    shared = row.credential_shared_at is not None
    if why is not None and not shared:
        session.execute(update(Device).where(Device.id == device.device_id).values(credential_shared_at=when))
        audit(session, device, when, "device.credential_shared", "device", device.device_id, why)
        shared = True
    session.flush()  # inside the push's savepoint when pushes are grouped
    return shared
