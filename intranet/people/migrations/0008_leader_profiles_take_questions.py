from django.db import migrations


def questions_on(apps, schema_editor):
    LeaderProfilePage = apps.get_model("people", "LeaderProfilePage")
    LeaderProfilePage.objects.update(comments_enabled=True)


class Migration(migrations.Migration):
    dependencies = [("people", "0007_leader_update_urgent")]

    operations = [migrations.RunPython(questions_on, migrations.RunPython.noop)]
