"""A secret poll records that a person voted apart from what they chose.

The attacker in these tests holds every row of the database and the settings
(``SECRET_KEY`` included) and tries to tie a participation to a ballot.
"""

import hashlib
import hmac
import threading
import uuid
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test import Client

from intranet.discussions import polls
from intranet.discussions.models import (
    Ballot,
    BallotChoice,
    Poll,
    PollOption,
    PollParticipation,
)
from tests.factories import DiscussionThreadPageFactory, UserFactory, make_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(tree):
    thread = DiscussionThreadPageFactory(parent=tree.discussions)
    return make_poll(thread, labels=("Yes", "No", "Maybe"))


def cast(client, poll, *options, receipt=None):
    data = {"option": [o.pk for o in options]}
    if receipt is not None:
        data["receipt"] = receipt
    return client.post(f"/threads/polls/{poll.pk}/vote/", data)


def tally(poll):
    return {o.label: o.ballots.count() for o in poll.options.all()}


def receipt_in(response):
    html = response.content.decode()
    return html.split('data-testid="receipt">')[1].split("<")[0]


def derivations(user, poll):
    """Everything an attacker could compute from a person, a poll and the settings."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    messages = [
        f"poll:{poll.pk}:voter:{user.pk}",
        f"{poll.pk}:{user.pk}",
        f"{user.pk}:{poll.pk}",
        f"{poll.pk}{user.pk}",
        str(user.pk),
        user.username,
        user.email,
    ]
    values = {str(user.pk), user.username, user.email}
    for message in messages:
        data = message.encode()
        for algorithm in (hashlib.sha256, hashlib.sha1, hashlib.md5):
            values.add(algorithm(data).hexdigest())
            for key in keys:
                values.add(hmac.new(key.encode(), data, algorithm).hexdigest())
    return values


# Columns that point at the poll and its options: shared by every voter, they say
# nothing of who. Any other column is compared with what a person yields.
NOT_ABOUT_PEOPLE = {"poll_id", "polloption_id"}


def stored_values(model):
    """Every stored value of the table, as text, read straight from the database."""
    with connection.cursor() as cursor:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(
                cursor, model._meta.db_table
            )
        ]
        kept = [c for c in columns if c not in NOT_ABOUT_PEOPLE]
        cursor.execute(f"SELECT {', '.join(kept)} FROM {model._meta.db_table}")  # noqa: S608
        rows = cursor.fetchall()
    return set(columns), {str(v).replace("-", "") for row in rows for v in row if v}


def test_nothing_stored_with_a_secret_ballot_leads_back_to_a_voter(poll):
    people = [UserFactory() for _ in range(9)]
    options = list(poll.options.order_by("sort_order"))
    for n, person in enumerate(people):
        client = Client()
        client.force_login(person)
        assert cast(client, poll, options[n % 3]).status_code == 200
    assert PollParticipation.objects.filter(poll=poll).count() == 9
    assert Ballot.objects.filter(poll=poll).count() == 9

    ballot_columns, ballot_values = stored_values(Ballot)
    choice_columns, choice_values = stored_values(BallotChoice)
    assert ballot_columns == {"id", "poll_id", "voter_id", "receipt_hash"}
    assert choice_columns == {"id", "ballot_id", "polloption_id"}
    stored = ballot_values | choice_values
    assert len(stored) == 9 + 9 + 9  # ballot ids, receipt hashes, choice ids
    links = [
        (person.pk, value)
        for person in people
        for value in derivations(person, poll)
        if value.replace("-", "") in stored
    ]
    assert links == []
    assert not Ballot.objects.filter(voter__isnull=False).exists()


def test_ballots_and_their_choices_have_random_ids_and_keep_no_time(poll, staff):
    polls.vote(poll, staff, [poll.options.first().pk])
    for model in (Ballot, BallotChoice):
        assert isinstance(model._meta.pk, models.UUIDField)
        assert not [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateField | models.TimeField)
        ]
        for pk in model.objects.values_list("pk", flat=True):
            assert isinstance(pk, uuid.UUID) and pk.version == 4
        description = connection.introspection.get_table_description(
            connection.cursor(), model._meta.db_table
        )
        assert not [c.name for c in description if "date" in c.name or "_at" in c.name]


def test_a_person_votes_once_and_cannot_change_a_secret_vote_without_the_receipt(
    staff_client, poll
):
    yes, no, _maybe = poll.options.order_by("sort_order")
    cast(staff_client, poll, yes)
    elsewhere = Client()
    elsewhere.force_login(PollParticipation.objects.get().user)
    response = cast(elsewhere, poll, no)
    assert response.status_code == 302
    assert PollParticipation.objects.count() == 1
    assert Ballot.objects.count() == 1
    assert tally(poll) == {"Yes": 1, "No": 0, "Maybe": 0}
    html = elsewhere.get(response.url).content.decode()
    assert "can be changed only with the receipt" in html


def test_the_receipt_is_shown_once_and_kept_only_by_the_voters_browser(
    staff_client, poll, staff
):
    yes, no, maybe = poll.options.order_by("sort_order")
    response = cast(staff_client, poll, yes)
    receipt = receipt_in(response)
    assert len(receipt.replace("-", "")) == 26  # 128 random bits in base32
    ballot = Ballot.objects.get()
    assert ballot.receipt_hash == hashlib.sha256(receipt.encode()).hexdigest()
    cookie = response.cookies[polls.RECEIPT_COOKIE]
    assert cookie.value == receipt
    assert cookie["path"] == f"/threads/polls/{poll.pk}/vote/"
    assert cookie["httponly"]
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        assert receipt not in str(session.get_decoded())
    page = staff_client.get(poll.thread.url).content.decode()
    assert receipt not in page
    assert "(your choice)" not in page

    # the same browser sends the receipt back by itself
    assert cast(staff_client, poll, no).status_code == 302
    assert tally(poll) == {"Yes": 0, "No": 1, "Maybe": 0}

    # another device needs the receipt typed in, however it is spaced or cased
    elsewhere = Client()
    elsewhere.force_login(staff)
    cast(elsewhere, poll, yes)
    assert tally(poll) == {"Yes": 0, "No": 1, "Maybe": 0}
    cast(elsewhere, poll, maybe, receipt="wrong-receipt")
    assert tally(poll) == {"Yes": 0, "No": 1, "Maybe": 0}
    typed = " " + receipt.lower().replace("-", " ") + " "
    cast(elsewhere, poll, maybe, receipt=typed)
    assert tally(poll) == {"Yes": 0, "No": 0, "Maybe": 1}
    assert Ballot.objects.count() == 1
    assert PollParticipation.objects.count() == 1


def test_an_open_poll_records_the_voter_and_lets_them_change_their_vote(
    staff_client, poll, staff
):
    poll.secret = False
    poll.save()
    yes, no, _maybe = poll.options.order_by("sort_order")
    response = cast(staff_client, poll, yes)
    assert response.status_code == 302
    assert polls.RECEIPT_COOKIE not in response.cookies
    cast(staff_client, poll, no)
    assert Ballot.objects.get().voter == staff
    assert tally(poll) == {"Yes": 0, "No": 1, "Maybe": 0}
    html = staff_client.get(poll.thread.url).content.decode()
    assert "(your choice)" in html


def test_the_tally_equals_the_ballots(poll):
    options = list(poll.options.order_by("sort_order"))
    for n in range(7):
        polls.vote(poll, UserFactory(), [options[n % 2].pk])
    view = polls.poll_context(poll, UserFactory())
    assert view.voters == Ballot.objects.filter(poll=poll).count() == 7
    assert sum(r.votes for r in view.options) == BallotChoice.objects.count() == 7
    assert [r.votes for r in view.options] == [4, 3, 0]
    with connection.cursor() as cursor:  # as SQL that tallies straight from the tables
        cursor.execute(
            "SELECT c.polloption_id, count(*) FROM intranet_discussions_ballot_choices c"
            " JOIN intranet_discussions_ballot b ON b.id = c.ballot_id"
            " WHERE b.poll_id = %s GROUP BY c.polloption_id",
            [poll.pk],
        )
        assert dict(cursor.fetchall()) == {options[0].pk: 4, options[1].pk: 3}


def test_secrecy_cannot_be_switched_once_people_have_voted(poll, staff):
    polls.vote(poll, staff, [poll.options.first().pk])
    poll.secret = False
    with pytest.raises(ValidationError) as refused:
        poll.full_clean()
    assert "secret" in refused.value.message_dict


def test_the_poll_and_the_admin_say_what_a_secret_ballot_records(staff_client, poll):
    help_text = str(Poll._meta.get_field("secret").help_text)
    assert "Recorded: that each person voted" in help_text
    assert "Not recorded: anything tying a ballot to a person" in help_text
    html = staff_client.get(poll.thread.url).content.decode()
    assert "The intranet records that you voted" in html


def test_the_demo_casts_its_secret_votes_through_the_new_path(tree):
    from intranet.discussions import demo

    people = {
        name: UserFactory(username=name, is_superuser=name == "moderator")
        for name in ("editor", "leader", "moderator", "staff")
    }
    demo.threads(StringIO())
    secret = Poll.objects.filter(secret=True)
    assert secret.exists()
    for poll in secret:
        ballots = Ballot.objects.filter(poll=poll)
        assert ballots.count() == poll.participations.count() > 0
        assert not ballots.filter(voter__isnull=False).exists()
        assert not ballots.filter(receipt_hash__isnull=True).exists()
        counted = sum(o.ballots.count() for o in PollOption.objects.filter(poll=poll))
        assert counted == ballots.count()
        for person in people.values():
            stored = {str(v) for v in ballots.values_list("pk", "receipt_hash")}
            assert not stored & derivations(person, poll)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("secret", [True, False])
def test_fifty_simultaneous_votes_from_one_person_give_one_participation_and_ballot(
    tree, secret
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writes")
    thread = DiscussionThreadPageFactory(parent=tree.discussions)
    poll = make_poll(thread, labels=("A", "B"), secret=secret)
    person = UserFactory()
    options = list(poll.options.all())
    errors, refused = [], []
    start = threading.Barrier(50)

    def vote(n):
        try:
            start.wait()
            polls.vote(poll, person, [options[n % 2].pk])
        except polls.VoteRefused as refusal:
            refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=vote, args=(n,)) for n in range(50)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert len(refused) == (49 if secret else 0)
    assert PollParticipation.objects.filter(poll=poll, user=person).count() == 1
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert BallotChoice.objects.filter(ballot__poll=poll).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_choices_and_who_voted_but_not_the_link(settings):
    from django.db.migrations.executor import MigrationExecutor

    before = [("intranet_discussions", "0002_initial")]
    after = [("intranet_discussions", "0003_secret_ballots_apart")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        User = old.get_model(settings.AUTH_USER_MODEL)
        OldPoll = old.get_model("intranet_discussions", "Poll")
        OldOption = old.get_model("intranet_discussions", "PollOption")
        OldBallot = old.get_model("intranet_discussions", "Ballot")
        people = [User.objects.create(username=f"voter{n}") for n in range(4)]
        secret = OldPoll.objects.create(question="Secret?", secret=True)
        open_ = OldPoll.objects.create(question="Open?", secret=False)
        for poll in (secret, open_):
            yes = OldOption.objects.create(poll=poll, label="Yes", sort_order=0)
            no = OldOption.objects.create(poll=poll, label="No", sort_order=1)
            for n, person in enumerate(people):
                key = hmac.new(
                    settings.SECRET_KEY.encode(),
                    f"poll:{poll.pk}:voter:{person.pk}".encode(),
                    hashlib.sha256,
                ).hexdigest()
                ballot = OldBallot.objects.create(
                    poll=poll,
                    voter_key=key,
                    voter=None if poll.secret else person,
                )
                ballot.choices.set([yes if n % 2 else no])
        OldBallot.objects.create(poll=secret, voter_key="0" * 64)  # nobody's key
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        Ballot = new.get_model("intranet_discussions", "Ballot")
        Participation = new.get_model("intranet_discussions", "PollParticipation")
        for poll_pk, has_voter in ((secret.pk, False), (open_.pk, True)):
            ballots = Ballot.objects.filter(poll_id=poll_pk)
            assert ballots.count() == (5 if poll_pk == secret.pk else 4)
            assert ballots.filter(voter__isnull=False).exists() == has_voter
            assert set(
                Participation.objects.filter(poll_id=poll_pk).values_list(
                    "user_id", flat=True
                )
            ) == {p.pk for p in people}
            counted = {
                label: ballots.filter(choices__label=label).count()
                for label in ("Yes", "No")
            }
            assert counted == {"Yes": 2, "No": 2}
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                connection.cursor(), Ballot._meta.db_table
            )
        }
        assert "voter_key" not in columns
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
