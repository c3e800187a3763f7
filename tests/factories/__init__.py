"""The suite's factories: one module per app, all importable from here."""

from tests.factories.core import *  # noqa: F403
