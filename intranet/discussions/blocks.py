from django.utils.translation import gettext_lazy as _
from wagtail.snippets.blocks import SnippetChooserBlock


class PollBlock(SnippetChooserBlock):
    """A poll embedded in a page: staff vote where they read."""

    def __init__(self, **kwargs):
        super().__init__("intranet_discussions.Poll", **kwargs)

    class Meta:
        icon = "list-ul"
        template = "intranet/blocks/poll_block.html"
        description = _("A poll staff can vote in, with its results")
