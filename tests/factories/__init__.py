"""The suite's factories: one module per app, all importable from here."""

from tests.factories.blog import *  # noqa: F403
from tests.factories.core import *  # noqa: F403
from tests.factories.discussions import *  # noqa: F403
from tests.factories.guidelines import *  # noqa: F403
from tests.factories.people import *  # noqa: F403
from tests.factories.translations import *  # noqa: F403
