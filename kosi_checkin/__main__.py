"""python -m kosi_checkin"""

import sys

from kosi_checkin.cli.main import main

sys.exit(main())
