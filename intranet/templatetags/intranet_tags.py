from django import template
from django.template.base import Token
from django.utils.html import format_html
from wagtail.images.templatetags.wagtailimages_tags import ImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as image_tag

from intranet import languages, renditions, translations

register = template.Library()


class RenditionNode(ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = renditions.ready(image, self.get_filter())
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return rendition.img_tag(attrs)


@register.tag
def rendition(parser, token):
    """Wagtail's ``{% image %}``, with its arguments, that never makes a rendition:
    the one made ahead (prefetched with the image when it was), else the signed
    address of Wagtail's rendition view, which makes it when the browser asks
    (``intranet.renditions.ready``)::

        {% rendition post.featured_image fill-640x360 class="post-card__image" alt="" %}
        {% rendition post.featured_image fill-1200x630 as og_image %}
    """
    name, _, rest = token.contents.partition(" ")
    node = image_tag(
        parser, Token(token.token_type, f"image {rest}", token.position, token.lineno)
    )
    return RenditionNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )


@register.filter
def within(page, section) -> bool:
    """True when ``page`` is ``section`` or sits below it in the page tree."""
    if not page or not section or not hasattr(page, "path"):
        return False
    return page.path.startswith(section.path)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """The languages the header's switcher offers, each in its own name."""
    return languages.switcher_choices()


@register.simple_tag(takes_context=True)
def page_versions(context, page=None):
    """What ``page`` (the page shown, by default) says about its language versions:
    a note when it is not in the reader's language, the links to its translations
    and the ``lang`` of its content (``intranet.translations.versions_for``). A
    public post read in the newsroom (``newsroom`` in the context) links to its
    translations there."""
    page = context.get("page") if page is None else page
    newsroom = context.get("newsroom")
    return translations.versions_for(
        page,
        context.get("request"),
        newsroom=newsroom if hasattr(newsroom, "post_url") else None,
    )


@register.simple_tag
def content_lang(page) -> str:
    """``lang="en"`` for an element holding ``page``'s content, when the content is
    in another language than the reader's; nothing otherwise."""
    language = translations.content_lang(page)
    return format_html(' lang="{}"', language) if language else ""
