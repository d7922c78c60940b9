"""Entry script of the frozen build: the same ``main()`` as ``python -m stacdesk`` and the
``stacdesk`` console script, so the window, ``--self-test`` and the CLI subcommands all work from
the one executable."""

import multiprocessing
import sys

from stacdesk.app import main

if __name__ == "__main__":
    # Previews are read in a spawned worker process: in the frozen build that process is this
    # executable again, and freeze_support runs the worker instead of a second window.
    multiprocessing.freeze_support()
    sys.exit(main())
