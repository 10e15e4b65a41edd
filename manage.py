#!/usr/bin/env python
"""Django's command-line utility; `innopart` (see innopart.cli) is the same for installed copies."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from innopart.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
