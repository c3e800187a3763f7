from django import template

from intranet import languages

register = template.Library()


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
