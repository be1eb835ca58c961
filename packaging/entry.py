"""Entry point of the built app (PyInstaller): the same as `python -m kosi_checkin`."""

import sys

from kosi_checkin.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
