"""The loyalty rules the kiosk and the cloud share: event and program kinds, applying events to
an account, voids, offer validation and limits, report counting. Pure: no I/O, no Qt, no SQL,
no web; time and time zones are passed in. One module per program kind (loyalty_rules.kinds).
"""
