from django import template

from social.models import ExternalChannel

register = template.Library()


@register.simple_tag
def external_channels():
    """The organisation's official accounts, in the editors' order (cached)."""
    return ExternalChannel.cached_list()
