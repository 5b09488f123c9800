"""The bundle's entry script: the same as `python -m lsp_desktop`."""

import sys

from lsp_desktop.app import main

sys.exit(main())
