"""``{{ value|one_line }}``: a title or a name as e-mails show it, on one line."""

from django import template

from intranet import mail

register = template.Library()


@register.filter(is_safe=True)
def one_line(value) -> str:
    return mail.one_line(value)
