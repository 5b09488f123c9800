"""Entry point for `python -m lsp_desktop`."""

import sys

from lsp_desktop.app import main

sys.exit(main())
