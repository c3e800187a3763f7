"""No title or name can add a header to an intranet e-mail, or start a line of one.

The e-mails go to a real SMTP server on a loopback port, so what is checked is what
a relay receives: the envelope's recipients and the raw message.
"""

import datetime
import email
import email.policy
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from intranet.mail import compose, one_line
from intranet.social import notifications, services
from intranet.social.models import Kind
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    GuidelinePageFactory,
    UserFactory,
    comment_on,
)

pytestmark = pytest.mark.django_db

INJECTED = "\r\nBcc: evil@example.com"
BREAKS = ["\r\n", "\n", "\r", "\v", "\f", "\x85", "\u2028", "\u2029", "\x1c"]


class Sink:
    """An SMTP server's message handler that keeps every envelope it is given."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free loopback port, and the site sending to it."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    controller.stop()


def lines_of(envelope) -> list[str]:
    """Every line of the raw message and of each of its decoded parts."""
    raw = envelope.original_content
    lines = raw.decode("utf-8", "replace").splitlines()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if not part.is_multipart():
            lines += part.get_content().splitlines()
    return lines


def assert_nothing_injected(envelope, recipients):
    assert sorted(envelope.rcpt_tos) == sorted(recipients)
    message = email.message_from_bytes(
        envelope.original_content, policy=email.policy.default
    )
    assert message.get_all("Bcc") is None
    assert len(str(message["Subject"]).splitlines()) == 1
    assert "evil@example.com" not in str(message["To"])
    starting = [line for line in lines_of(envelope) if line.lower().startswith("bcc:")]
    assert starting == []


@pytest.fixture
def dana(db):
    return UserFactory(username="dana", email="dana@example.com")


@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\u2028"])
def test_a_reply_to_a_follower_of_a_thread_with_a_crafted_title(
    smtp, tree, staff, dana, line_break, django_capture_on_commit_callbacks
):
    thread = DiscussionThreadPageFactory(
        parent=tree.discussions,
        title=f"Lunch plans{line_break}Bcc: evil@example.com",
    )
    services.follow(dana, thread)
    question = comment_on(thread, dana, "Where shall we go?")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(thread, staff, "The canteen.", parent=question)
    [envelope] = smtp.envelopes
    assert_nothing_injected(envelope, ["dana@example.com"])
    assert "Lunch plans Bcc: evil@example.com" in envelope.content.decode()


@pytest.mark.parametrize("line_break", BREAKS)
def test_a_mention_by_someone_whose_display_name_is_crafted(
    smtp, tree, post, dana, line_break, django_capture_on_commit_callbacks
):
    mallory = UserFactory(
        username="mallory", display_name=f"Mallory{line_break}Bcc: evil@example.com"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(post, mallory, "Have a look, @dana.")
    [envelope] = smtp.envelopes
    assert_nothing_injected(envelope, ["dana@example.com"])


def test_a_digest_about_a_crafted_title_by_a_crafted_name(smtp, tree, dana):
    page = BlogPostPageFactory(parent=tree.blog, title="News" + INJECTED)
    actor = UserFactory(display_name="Sam" + INJECTED)
    notifications.notify(dana, Kind.POST, page, actor=actor)
    call_command(
        "intranet_send_digests",
        "--period",
        "daily",
        "--date",
        "2026-11-16",
        stdout=io.StringIO(),
    )
    [envelope] = smtp.envelopes
    assert_nothing_injected(envelope, ["dana@example.com"])


def test_a_review_reminder_about_a_crafted_title_to_a_crafted_name(
    smtp, tree, django_capture_on_commit_callbacks
):
    owner = UserFactory(
        username="elina", email="elina@example.com", display_name="Elina" + INJECTED
    )
    today = datetime.date(2027, 3, 1)
    GuidelinePageFactory(
        parent=tree.guidelines,
        title="Social media policy" + INJECTED,
        owner_person=owner,
        review_date=today + datetime.timedelta(days=14),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "intranet_guideline_reviews",
            "--date",
            today.isoformat(),
            stdout=io.StringIO(),
        )
    [envelope] = smtp.envelopes
    assert_nothing_injected(envelope, ["elina@example.com"])


def test_a_password_reset_reaches_its_account_only(smtp, client, tree, staff):
    client.post("/accounts/password/reset/", {"email": staff.email})
    [envelope] = smtp.envelopes
    assert_nothing_injected(envelope, [staff.email])


@pytest.mark.parametrize("line_break", BREAKS + ["\t", "\x00"])
def test_one_line_leaves_no_line_break_or_control_character(line_break):
    text = one_line(f" Title{line_break}Bcc: evil@example.com{line_break} ")
    assert text == "Title Bcc: evil@example.com"


def test_one_line_cuts_at_the_limit_and_keeps_other_text_as_it_was():
    assert one_line("Café — “quoted”", limit=4) == "Café"
    assert one_line("Café — “quoted”") == "Café — “quoted”"


def test_composed_headers_stay_on_one_line(smtp):
    compose(
        "Subject" + INJECTED,
        "Body",
        ["dana@example.com"],
        from_email="Intranet" + INJECTED + " <intranet@example.com>",
        reply_to=["Help" + INJECTED + " <help@example.com>"],
        headers={"X-Thread": "Lunch" + INJECTED},
    ).send()
    [envelope] = smtp.envelopes
    assert_nothing_injected(envelope, ["dana@example.com"])
