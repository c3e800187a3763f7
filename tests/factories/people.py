"""Factories for leaders' profiles and their updates."""

import factory
import wagtail_factories

from intranet import setup
from intranet.people.models import LeaderProfilePage, LeaderUpdatePage
from tests.factories.core import UserFactory

__all__ = ["LeaderProfilePageFactory", "LeaderUpdatePageFactory", "leader_profile"]


class LeaderProfilePageFactory(wagtail_factories.PageFactory):
    """A leader's profile; its post_save gives the leader their admin group."""

    class Meta:
        model = LeaderProfilePage
        skip_postgeneration_save = True

    title = factory.LazyAttribute(lambda o: o.user.intranet_profile.name)
    slug = factory.LazyAttribute(lambda o: o.user.username)
    user = factory.SubFactory(UserFactory, groups=[setup.LEADERS])
    role = "Chief executive"
    biography = "I would rather hear a hard question early than an easy answer late."

    @factory.post_generation
    def delegates(self, create, people, **kwargs):
        if create and people:
            self.delegates.set(people)
            self.save()


class LeaderUpdatePageFactory(wagtail_factories.PageFactory):
    """A published update: published through a revision, as the leader would."""

    class Meta:
        model = LeaderUpdatePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Update number {n}")
    slug = factory.Sequence(lambda n: f"update-{n}")
    text = "What I learned this week, in a few lines."
    live = False

    @factory.post_generation
    def publish(self, create, value, **kwargs):
        if create and value is not False:
            self.owner = self.leader
            self.save_revision(user=self.leader).publish(user=self.leader)
            self.refresh_from_db()


def leader_profile(tree, username="laura", first_name="Laura", last_name="Bennett"):
    """A leader and their published profile under /people/."""
    leader = UserFactory(
        username=username,
        first_name=first_name,
        last_name=last_name,
        job_title="Chief executive",
        department="Leadership",
        groups=[setup.LEADERS],
    )
    return LeaderProfilePageFactory(parent=tree.people, user=leader)
