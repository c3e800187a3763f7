from django.db import migrations, models


class Migration(migrations.Migration):
    """Room for the hour a share counts in and the day and visitor of a visit;
    filled in by the next migration before they become required."""

    dependencies = [
        ("intranet_social", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="shareclick",
            name="hour",
            field=models.DateTimeField(editable=False, null=True, verbose_name="hour"),
        ),
        migrations.AddField(
            model_name="trackedvisit",
            name="day",
            field=models.DateField(editable=False, null=True, verbose_name="day"),
        ),
        migrations.AddField(
            model_name="trackedvisit",
            name="visitor",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=64,
                null=True,
                verbose_name="visitor",
            ),
        ),
    ]
