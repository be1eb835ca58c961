"""Entry point of the built app (PyInstaller): the same as `python -m kosi_checkin`."""

from kosi_checkin.cli.main import console

if __name__ == "__main__":
    console()
