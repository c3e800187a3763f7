import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from intranet.social import engagement, mentions, reach, services
from intranet.social.models import ExternalChannel, FeedToken, PersonFollow

register = template.Library()

# What every word urlize() makes a link of contains (a web address, one of the
# domains it knows without one, an e-mail address), matched as it matches them: a
# text without any of these is only escaped, without urlize's work on every word.
MIGHT_LINK = re.compile(r"http|www\.|@|\.(com|edu|gov|int|mil|net|org)", re.IGNORECASE)


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
def comment_text(text: str, known_usernames=None) -> str:
    """A comment as HTML: every character escaped, web addresses made into links.

    Only http(s) and www addresses become links (never javascript: or data:), and
    every link carries rel="nofollow noopener". Given the set of usernames the page
    resolved (``{{ comment.comment|comment_text:conversation.known_usernames }}``),
    each ``@username`` among them links to that person's profile.
    """
    if MIGHT_LINK.search(text):
        linked = urlize(text, nofollow=True, autoescape=True)
        linked = linked.replace('rel="nofollow"', 'rel="nofollow noopener"')
    else:
        linked = escape(text)  # what urlize() gives a text it finds no link in
    if known_usernames and not isinstance(known_usernames, str):
        linked = mentions.link_mentions(linked, known_usernames)
    return mark_safe(linebreaksbr(linked, autoescape=False))  # noqa: S308 - escaped above


@register.filter
def with_mentions(field):
    """A form field whose textarea suggests colleagues to @mention as one types
    (``static/js/mentions.js``); without JavaScript it is a plain textarea."""
    field.field.widget.attrs.update(
        {
            "data-mentions": reverse("intranet:people:suggest"),
            "data-mentions-label": _("People to mention"),
            "data-mentions-none": _("No one found"),
            "data-mentions-one": _(
                "1 person found. Up and down arrows to choose, Enter to insert."
            ),
            "data-mentions-many": _(
                "{count} people found. Up and down arrows to choose, Enter to insert."
            ),
        }
    )
    return field


@register.simple_tag
def known_mentions(text: str) -> frozenset[str]:
    """The usernames mentioned in one text that belong to active people (one query),
    for pages that show a single comment: ``{% known_mentions comment.comment as
    known %}``."""
    return mentions.known_usernames([text])


@register.simple_tag(takes_context=True)
def following(context, page) -> bool:
    """Whether the signed-in person follows ``page``."""
    return services.is_following(context["request"].user, page)


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many notifications wait for the signed-in person (cached)."""
    from intranet.social.notifications import unread_count

    return unread_count(context["request"].user)


@register.simple_tag(takes_context=True)
def followed_people(context, people) -> set:
    """Which of ``people`` the signed-in person follows, in one query for all."""
    user = context["request"].user
    if not user.is_authenticated or not people:
        return set()
    return set(
        PersonFollow.objects.filter(
            user=user, author__in=[person.pk for person in people]
        ).values_list("author_id", flat=True)
    )


@register.filter
def as_list(person) -> list:
    """One person as a list of people, for includes that take several."""
    return [person] if person is not None else []


@register.inclusion_tag("intranet/social/includes/reach_panel.html", takes_context=True)
def reach_panel(context, page):
    """How far the page reached, for those who may see it (its people, editors):
    nothing at all, and no query past the permission check, for everyone else."""
    request = context["request"]
    if getattr(request, "is_preview", False) or not reach.can_see_reach(
        request.user, page
    ):
        return {"reach": None}
    figures = reach.reach_of(page)
    return {
        "reach": figures,
        "chart": reach.department_chart(figures),
        "page": page,
        "request": request,
        "can_open_admin": request.user.has_perm("wagtailadmin.access_admin"),
        "minimum": engagement.min_group_size(),
    }
