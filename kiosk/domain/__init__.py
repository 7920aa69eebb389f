"""Pure rules of the loyalty kiosk: no Qt, no SQL, no I/O. Time is always passed in."""
