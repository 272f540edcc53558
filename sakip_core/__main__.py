"""`python -m sakip_core`: see sakip_core.cli."""

import os
import sys

from sakip_core.cli import main

if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter finalisation: DuckDB's nanobind bindings print benign "leaked instance"
    # warnings at shutdown, which would pollute the stderr that users and scripts read.
    os._exit(code)
