from django.utils.translation import gettext_lazy as _

from intranet.models import SectionPage


class DiscussionIndexPage(SectionPage):
    """Discussions: threads any member of staff can start."""

    subpage_types = []

    class Meta:
        verbose_name = _("discussion index page")
