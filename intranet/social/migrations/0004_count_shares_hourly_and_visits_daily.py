from django.db import migrations, models


class Migration(migrations.Migration):
    """One share per person, page and network an hour, one visit per visitor and
    tracked link a day: held to by the database, however fast requests come."""

    dependencies = [
        ("intranet_social", "0003_deduplicate_shares_by_hour"),
    ]

    operations = [
        migrations.AlterField(
            model_name="shareclick",
            name="hour",
            field=models.DateTimeField(editable=False, verbose_name="hour"),
        ),
        migrations.AlterField(
            model_name="trackedvisit",
            name="day",
            field=models.DateField(editable=False, verbose_name="day"),
        ),
        migrations.AddConstraint(
            model_name="shareclick",
            constraint=models.UniqueConstraint(
                fields=("user", "page", "network", "hour"),
                name="unique_share_per_hour",
            ),
        ),
        migrations.AddConstraint(
            model_name="trackedvisit",
            constraint=models.UniqueConstraint(
                fields=("page", "network", "visitor", "day"),
                name="unique_visit_per_day",
            ),
        ),
    ]
