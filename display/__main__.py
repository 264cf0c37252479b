"""``python -m display``: the same as ``loket-display``."""

import sys

from display.app import main

sys.exit(main())
