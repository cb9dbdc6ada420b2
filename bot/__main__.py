"""`python -m bot ...`: see bot.cli."""

from .cli import main

raise SystemExit(main())
