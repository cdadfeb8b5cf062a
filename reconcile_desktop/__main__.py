from reconcile_desktop.cli import main

raise SystemExit(main())
