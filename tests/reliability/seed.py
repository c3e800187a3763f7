"""Migrate the suite's database and seed it: people, a post, a thread, two polls.

Run by the suite under its own settings (``tests.reliability.settings``); prints one
JSON object with what the cases need: addresses, poll and option ids, and a signed-in
session for every person (made in the database, as a sign-in would make it: the
login form allows only a few attempts a minute from one address).
"""

import io
import json
import sys
import time

import django


def main(people: int) -> None:
    django.setup()
    import factory
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from tests import factories
    from tests.conftest import build_tree

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0, skip_checks=True)
    migrated = time.monotonic() - started
    tree = build_tree()
    call_command("intranet_setup", stdout=io.StringIO())
    # An unusable password, stored as it is: nobody signs in with it, and no
    # slow hashing for each of the people.
    unusable = factory.Transformer.Force("!")
    author = factories.UserFactory(username="laura", password=unusable)
    post = factories.BlogPostPageFactory(
        parent=tree.blog, title="Our week", slug="our-week", authors=[author]
    )
    thread = factories.DiscussionThreadPageFactory(
        parent=tree.discussions,
        title="Where shall we meet?",
        slug="where-shall-we-meet",
        owner=author,
    )
    crowd_poll = factories.make_poll(
        thread=thread, question="Which day?", labels=("Monday", "Friday")
    )
    solo_thread = factories.DiscussionThreadPageFactory(
        parent=tree.discussions, title="Which room?", slug="which-room", owner=author
    )
    solo_poll = factories.make_poll(
        thread=solo_thread, question="Which room?", labels=("Lake", "Forest")
    )
    backend = "intranet.people.backends.ProfileBackend"
    sessions = {}
    for n in range(people):
        user = factories.UserFactory(username=f"member{n:03d}", password=unusable)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions[user.username] = {"id": user.pk, "session": session.session_key}
    login_user = factories.UserFactory(username="signin")
    login_user.set_password(factories.PASSWORD)
    login_user.save()
    json.dump(
        {
            "post": {"id": post.pk, "url": post.url},
            "thread": {"id": thread.pk, "url": thread.url},
            "home": tree.home.url,
            "blog": tree.blog.url,
            "crowd_poll": {
                "id": crowd_poll.pk,
                "options": list(crowd_poll.options.values_list("pk", flat=True)),
            },
            "solo_poll": {
                "id": solo_poll.pk,
                "options": list(solo_poll.options.values_list("pk", flat=True)),
            },
            "people": sessions,
            "login": {"username": "signin", "password": factories.PASSWORD},
            "timing": {
                "migrate": migrated,
                "seed": time.monotonic() - started - migrated,
            },
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
