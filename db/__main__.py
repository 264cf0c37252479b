import sys

from db.cli.main import main

sys.exit(main())
