from django.db import migrations

CONVERSATION_KINDS = ("reply", "mention", "comment", "answer", "hidden")


def move_email_choices(apps, schema_editor):
    """Whoever had switched an e-mail off keeps it off, now as a preference."""
    User = apps.get_model("people", "User")
    Preference = apps.get_model("social", "NotificationPreference")
    rows = []
    for user in User.objects.filter(email_notifications=False).only("pk"):
        rows.extend(
            Preference(user_id=user.pk, kind=kind, email="off")
            for kind in CONVERSATION_KINDS
        )
    for user in User.objects.filter(leader_update_emails=False).only("pk"):
        rows.append(Preference(user_id=user.pk, kind="leader", email="off"))
    Preference.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_update_poll"),
        ("social", "0006_follows_preferences_digests"),
    ]

    operations = [
        migrations.RunPython(move_email_choices, migrations.RunPython.noop),
        migrations.RemoveField(model_name="user", name="email_notifications"),
        migrations.RemoveField(model_name="user", name="leader_update_emails"),
    ]
