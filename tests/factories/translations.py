"""Language versions of pages, made the way Wagtail's "Translate" copies them."""

from wagtail.models import Locale

__all__ = ["finnish_locale", "in_finnish", "translate"]


def finnish_locale() -> Locale:
    return Locale.objects.get_or_create(language_code="fi")[0]


def translate(page, language="fi", publish=True, **fields):
    """A copy of ``page`` in ``language`` (its untranslated parents copied as
    aliases), published unless ``publish`` is false; ``fields`` change the copy
    before it is published."""
    locale = Locale.objects.get_or_create(language_code=language)[0]
    version = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(version, name, value)
    if fields:
        version.save()
    if publish:
        version.save_revision().publish()
    return type(page.specific).objects.get(pk=version.pk)


def in_finnish(page) -> str:
    """The address that shows this version in Finnish, whoever reads it."""
    return f"{page.url}?lang=fi"
