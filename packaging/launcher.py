"""Entry script of the frozen build: the same ``main()`` as ``python -m stacdesk`` and the
``stacdesk`` console script, so the window, ``--self-test`` and the CLI subcommands all work from
the one executable."""

import sys

from stacdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
