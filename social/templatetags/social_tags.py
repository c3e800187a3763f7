from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from social import services
from social.models import ExternalChannel, FeedToken

register = template.Library()


@register.simple_tag
def external_channels():
    """The organisation's official accounts, in the editors' order (cached)."""
    return ExternalChannel.cached_list()


@register.simple_tag(takes_context=True)
def feed_key(context) -> str:
    """The signed-in person's secret feed key, made on first use."""
    user = context["request"].user
    if not user.is_authenticated:
        return ""
    token, _created = FeedToken.objects.get_or_create(user=user)
    return token.key


@register.filter(is_safe=True)
def comment_text(text: str) -> str:
    """A comment as HTML: every character escaped, web addresses made into links.

    Only http(s) and www addresses become links (never javascript: or data:), and
    every link carries rel="nofollow noopener".
    """
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow noopener"')
    return mark_safe(linebreaksbr(linked, autoescape=False))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def following(context, page) -> bool:
    """Whether the signed-in person follows ``page``."""
    return services.is_following(context["request"].user, page)


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many notifications wait for the signed-in person (cached)."""
    from social.notifications import unread_count

    return unread_count(context["request"].user)
