"""``python -m generator`` is the same as ``kzpolicy``."""

from .cli import main

raise SystemExit(main())
