"""The reference site's English was "en-gb" before it offered Finnish too; its
content languages are now "en" and "fi". A database made before keeps its pages:
their locale is renamed, unless an "en" locale exists already."""

from django.db import migrations


def rename_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-gb").update(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_public_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename_english, migrations.RunPython.noop)]
