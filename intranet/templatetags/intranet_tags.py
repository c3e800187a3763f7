from django import template

register = template.Library()


@register.filter
def within(page, section) -> bool:
    """True when ``page`` is ``section`` or sits below it in the page tree."""
    if not page or not section or not hasattr(page, "path"):
        return False
    return page.path.startswith(section.path)
