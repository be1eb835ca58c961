"""python -m kosi_checkin"""

from kosi_checkin.cli.main import console

console()
