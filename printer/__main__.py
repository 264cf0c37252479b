"""``python -m printer``: the same as ``loket-printer``."""

import sys

from printer.cli import main

sys.exit(main())
