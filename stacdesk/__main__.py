"""``python -m stacdesk`` runs the app."""

from stacdesk.app import main

raise SystemExit(main())
