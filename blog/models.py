from django.utils.translation import gettext_lazy as _

from intranet.models import SectionPage


class BlogIndexPage(SectionPage):
    """The internal blog: what the organisation says, and the conversation about it."""

    subpage_types = []

    class Meta:
        verbose_name = _("blog index page")
