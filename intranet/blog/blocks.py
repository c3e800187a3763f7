"""Blocks only the blog uses."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from intranet.blocks import BaseStreamBlock


class StaffOnlyBlock(blocks.StructBlock):
    """Content of a public post that only staff read; the public version leaves it out."""

    content = BaseStreamBlock(label=_("staff-only content"))

    class Meta:
        icon = "lock"
        label = _("Staff only")
        template = "intranet/blog/blocks/staff_only_block.html"
        description = _(
            "Blocks only signed-in staff see; left out of the public version of a post"
        )
        preview_value = {
            "content": [
                (
                    "paragraph",
                    "<p>Internal note: the figures in this post are embargoed "
                    "until Monday.</p>",
                )
            ]
        }
