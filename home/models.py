"""The reference site's intranet home page: the intranet's, as it comes."""

from intranet.home.models import AbstractIntranetHomePage


class IntranetHomePage(AbstractIntranetHomePage):
    """The intranet is the tree under this page."""
