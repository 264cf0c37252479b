from web.cli import main

raise SystemExit(main())
