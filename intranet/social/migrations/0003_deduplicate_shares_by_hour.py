from django.db import migrations
from django.utils import timezone


def fill_in_and_deduplicate(apps, schema_editor):
    """Give every share its hour and every visit its day, then keep the first share
    of each person, page and network in an hour: the repeats are what the new rule
    stops counting. Visits counted so far have no visitor to tell them apart, so
    each stays (NULL visitors never collide)."""
    ShareClick = apps.get_model("intranet_social", "ShareClick")
    TrackedVisit = apps.get_model("intranet_social", "TrackedVisit")
    seen = set()
    repeats = []
    for click in ShareClick.objects.order_by("created_at", "pk").iterator():
        hour = click.created_at.replace(minute=0, second=0, microsecond=0)
        key = (click.user_id, click.page_id, click.network, hour)
        if key in seen:
            repeats.append(click.pk)
            continue
        seen.add(key)
        ShareClick.objects.filter(pk=click.pk).update(hour=hour)
    for start in range(0, len(repeats), 500):
        ShareClick.objects.filter(pk__in=repeats[start : start + 500]).delete()
    for visit in TrackedVisit.objects.filter(day__isnull=True).iterator():
        TrackedVisit.objects.filter(pk=visit.pk).update(
            day=timezone.localdate(visit.created_at)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_social", "0002_share_hour_and_visit_day"),
    ]

    operations = [
        migrations.RunPython(fill_in_and_deduplicate, migrations.RunPython.noop),
    ]
