"""Follow buttons' state: whether the signed-in person follows a tag or a colleague."""

from django import template

from intranet.social import services
from intranet.social.models import TagFollow

register = template.Library()


@register.simple_tag(takes_context=True)
def followed_tag_ids(context) -> frozenset[int]:
    """The tags the signed-in person follows: one query per request, however many
    tag buttons the page shows."""
    request = context["request"]
    if not hasattr(request, "_followed_tag_ids"):
        user = request.user
        request._followed_tag_ids = frozenset(
            TagFollow.objects.filter(user=user).values_list("tag_id", flat=True)
            if user.is_authenticated
            else ()
        )
    return request._followed_tag_ids


@register.simple_tag(takes_context=True)
def follows_tag(context, tag) -> bool:
    """Whether the signed-in person follows ``tag``."""
    return tag.pk in followed_tag_ids(context)


@register.simple_tag(takes_context=True)
def follows_person(context, person) -> bool:
    """Whether the signed-in person follows what ``person`` publishes."""
    return services.follows_person(context["request"].user, person)
