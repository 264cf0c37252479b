"""``python -m kiosk``: the same as ``loket-kiosk``."""

import sys

from kiosk.app import main

sys.exit(main())
