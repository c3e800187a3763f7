"""The host site before the intranet: a superuser, two users, three pages, and a
record of what must not change (users, password hashes, pages, the host's groups).

Run inside the host: ``python manage.py shell < before.py``, with HOST_STATE naming
the JSON file to write.
"""

import json
import os

from django.contrib.auth import get_user_model
from hoststate import snapshot
from wagtail.models import Site

from home.models import HomePage

User = get_user_model()
User.objects.create_superuser("hostadmin", "hostadmin@example.com", "host-admin-pw-1")
User.objects.create_user("alice", "alice@example.com", "alice-pw-Secret-1")
User.objects.create_user("bob", "bob@example.com", "bob-pw-Secret-2")

home = Site.objects.get(is_default_site=True).root_page.specific
for title in ("About", "News", "Contact"):
    page = home.add_child(instance=HomePage(title=title, slug=title.lower()))
    page.save_revision().publish()


state = snapshot()
assert set(state["groups"]) == {"Editors", "Moderators"}, state["groups"]
assert state["groups"]["Editors"]["permissions"], (
    "wagtail start's Editors have no rights"
)
with open(os.environ["HOST_STATE"], "w") as file:
    json.dump(state, file, indent=1)
print(
    f"host: {len(state['users'])} users, {len(state['pages'])} pages, groups "
    + ", ".join(
        f"{n} ({len(g['permissions'])} permissions)" for n, g in state["groups"].items()
    )
)
