"""Options shared by the intranet's management commands."""

import argparse
import datetime


def iso_date(value: str) -> datetime.date:
    """``--date YYYY-MM-DD``: act as if today were that day, e.g. to catch up."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"--date must be YYYY-MM-DD, not {value!r}"
        ) from error
