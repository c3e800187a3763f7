from django.utils.translation import gettext_lazy as _

from intranet.models import SectionPage


class GuidelinesHubPage(SectionPage):
    """The social-media policy, the principles, the "why" and training."""

    subpage_types = []

    class Meta:
        verbose_name = _("guidelines hub page")
