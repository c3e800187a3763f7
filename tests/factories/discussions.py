"""Factories for discussion threads and polls."""

import factory
import wagtail_factories

from intranet.discussions.models import DiscussionThreadPage, Poll, PollOption
from tests.factories.core import UserFactory


class DiscussionThreadPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DiscussionThreadPage

    title = factory.Sequence(lambda n: f"Thread {n}")
    slug = factory.Sequence(lambda n: f"thread-{n}")
    body = "What do you all think?"
    owner = factory.SubFactory(UserFactory)


def make_poll(thread=None, labels=("Yes", "No"), **fields) -> Poll:
    poll = Poll.objects.create(
        thread=thread, question=fields.pop("question", "Well?"), **fields
    )
    for n, label in enumerate(labels):
        PollOption.objects.create(poll=poll, label=label, sort_order=n)
    return poll
