"""Production settings for the reliability suite's own server on loopback.

Everything comes from ``config.settings.production`` and the environment the suite
sets (DATABASE_URL, REDIS_URL, SECRET_KEY, ...). Only the collected static files go
to the suite's temporary folder instead of the checkout.
"""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["RELIABILITY_STATIC_ROOT"])
