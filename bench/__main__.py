"""``python -m bench``: run every benchmark and print the summary table."""

import sys

from bench.run_all import main

sys.exit(main())
