from coorace_desktop.cli import main

raise SystemExit(main())
