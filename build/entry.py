"""PyInstaller's entry script: the frozen app runs the same composition root as `python -m kiosk`."""

from kiosk.__main__ import main

raise SystemExit(main())
