"""StreamField blocks shared by every body type (posts, guidelines, updates).

No RawHTMLBlock: editors must not be able to put scripts on a page.
"""

import uuid

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    size = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("level"),
    )

    class Meta:
        icon = "title"
        template = "intranet/blocks/heading_block.html"
        description = _("A heading that starts a new section")
        preview_value = {"text": "Why we are on social media", "size": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "intranet/blocks/captioned_image_block.html"
        description = _("An image with alt text and an optional caption")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("who said it"), required=False, max_length=120
    )

    class Meta:
        icon = "openquote"
        template = "intranet/blocks/quote_block.html"
        description = _("A quotation and who said it")
        preview_value = {
            "quote": "Our customers are already on social media. We should be there too.",
            "attribution": "Laura Bennett, Chief executive",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video address"), help_text=_("A YouTube or Vimeo link"))
    title = blocks.CharBlock(
        label=_("title"),
        max_length=150,
        help_text=_("Describes the video for people who use screen readers"),
    )

    class Meta:
        icon = "media"
        template = "intranet/blocks/video_block.html"
        description = _("An embedded video with an accessible title")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("warning", _("Important")),
            ("success", _("Tip")),
        ],
        default="info",
        label=_("tone"),
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "intranet/blocks/callout_block.html"
        description = _("A highlighted box that draws the reader's eye")
        preview_value = {
            "tone": "info",
            "title": "Good to know",
            "text": "<p>You can always ask the communications team before you post.</p>",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=150,
        help_text=_("Defaults to the document's title"),
    )

    class Meta:
        icon = "doc-full"
        template = "intranet/blocks/document_link_block.html"
        description = _("A link to download a document")


class TableOfDataBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "intranet/blocks/table_block.html"
        description = _("A simple table with a header row")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every body offers."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="intranet/blocks/paragraph_block.html",
        description=_("Text with links and lists"),
        preview_value="<p>Social media lets us listen to our customers where they already are.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    document = DocumentLinkBlock()
    table = TableOfDataBlock(
        table_options={
            "startRows": 3,
            "startCols": 3,
            "colHeaders": False,
            "rowHeaders": False,
        }
    )


def complete_stream_fields(instance, update_fields=None) -> None:
    """Give every block in ``instance``'s StreamFields an id and every list the
    block format, as the page editor saves them. Content written as JSON in code
    (the demo, an import) may lack them, and wagtail-localize needs them to
    translate a block (it cannot find a nested block without its id, and leaves out
    list items without one)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        if update_fields is not None and field.name not in update_fields:
            continue
        value = field.value_from_object(instance)
        if value is None:
            continue
        raw = field.stream_block.get_prep_value(value)
        completed, changed = _completed(field.stream_block, raw)
        if changed:
            setattr(
                instance,
                field.attname,
                StreamValue(field.stream_block, completed, is_lazy=True),
            )


def _completed(block, raw) -> tuple[object, bool]:
    """``raw`` (a block's stored JSON) with ids everywhere, and whether any was
    missing."""
    if isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        return _completed_items(
            raw,
            lambda item: isinstance(item, dict) and "type" in item,
            lambda item: block.child_blocks.get(item["type"]),
        )
    if isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        in_format = [
            item if block._item_is_in_block_format(item) else None for item in raw
        ]
        items = [
            item if item is not None else {"type": "item", "value": value, "id": ""}
            for item, value in zip(in_format, raw, strict=True)
        ]
        completed, changed = _completed_items(
            items, lambda item: True, lambda item: block.child_block
        )
        return completed, changed or None in in_format
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        completed, changed = dict(raw), False
        for name, child in block.child_blocks.items():
            if name in raw:
                completed[name], child_changed = _completed(child, raw[name])
                changed = changed or child_changed
        return completed, changed
    return raw, False


def _completed_items(items, is_block, child_of) -> tuple[list, bool]:
    completed, changed = [], False
    for item in items:
        child = child_of(item) if is_block(item) else None
        if child is None:
            completed.append(item)
            continue
        value, value_changed = _completed(child, item.get("value"))
        item = {**item, "value": value}
        if not item.get("id"):
            item["id"] = str(uuid.uuid4())
            value_changed = True
        completed.append(item)
        changed = changed or value_changed
    return completed, changed
