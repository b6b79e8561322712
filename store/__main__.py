"""`python -m store ingest PATH...` / `python -m store export --format csv -o out.csv`."""

import sys

from store.cli import main

sys.exit(main())
