"""The one place that reads the clock.

Timestamps are stored as naive wall-clock time of the Pemda's zone (WIB unless `SAKIP_TZ` says
otherwise): that is what staff read on their deadlines, and DuckDB's TIMESTAMP WITH TIME ZONE
would need pytz at fetch time.
"""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo(os.environ.get("SAKIP_TZ", "Asia/Jakarta"))


def now() -> datetime:
    return datetime.now(ZONE).replace(tzinfo=None)
