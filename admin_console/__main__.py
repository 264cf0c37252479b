from admin_console.app import main

raise SystemExit(main())
