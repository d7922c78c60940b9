"""``python -m stacdesk.cli search …``: the headless commands without the window's start-up."""

from stacdesk.cli import main

raise SystemExit(main())
