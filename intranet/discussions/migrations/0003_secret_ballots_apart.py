"""Keep who voted apart from what was chosen.

Ballots used to carry ``voter_key``, a keyed hash of the poll and the person, so
anyone holding the database and the settings could attribute every secret ballot.
This migration moves every poll to the new shape:

- each vote becomes a ``PollParticipation`` (that a person voted) and a ``Ballot``
  with a random id, no time and no person (the chosen options), both written in a
  shuffled order so their storage order does not pair them up;
- open polls keep the voter on the ballot, as before, to show names;
- on secret polls, who voted is found once, here, by recomputing the old key for
  every user with ``SECRET_KEY`` (and ``SECRET_KEY_FALLBACKS``); only the
  participation keeps it, and ``voter_key`` is dropped.

Consequences: a secret ballot cast before this migration has no receipt, so its
voter can no longer change it. A person whose old key matches no current user (the
secret key changed since, or the account was deleted) gets no participation: the
tally keeps their ballot, but they could vote again in a poll still open.
Participations keep the day of the old vote; ballots keep no time at all.
"""

import hashlib
import hmac
import random
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _keys():
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _voter_key(key, poll_pk, user_pk):
    message = f"poll:{poll_pk}:voter:{user_pk}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def move_ballots(apps, schema_editor):
    Poll = apps.get_model("intranet_discussions", "Poll")
    OldBallot = apps.get_model("intranet_discussions", "Ballot")
    NewBallot = apps.get_model("intranet_discussions", "NewBallot")
    BallotChoice = apps.get_model("intranet_discussions", "BallotChoice")
    Participation = apps.get_model("intranet_discussions", "PollParticipation")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    shuffle = random.SystemRandom().shuffle
    user_pks = None
    for poll in Poll.objects.filter(pk__in=OldBallot.objects.values("poll_id")):
        old = list(OldBallot.objects.filter(poll=poll).prefetch_related("choices"))
        shuffle(old)
        if poll.secret:
            if user_pks is None:
                user_pks = list(User.objects.values_list("pk", flat=True))
            known = {
                _voter_key(key, poll.pk, pk): pk for key in _keys() for pk in user_pks
            }
            voted = [(known.get(b.voter_key), b.created_at) for b in old]
        else:
            voted = [(b.voter_id, b.created_at) for b in old]
        ballots, choices = [], []
        for b in old:
            ballot = NewBallot(
                id=uuid.uuid4(), poll=poll, voter=None if poll.secret else b.voter
            )
            ballots.append(ballot)
            choices += [
                BallotChoice(id=uuid.uuid4(), ballot=ballot, option=option)
                for option in b.choices.all()
            ]
        shuffle(choices)
        NewBallot.objects.bulk_create(ballots)
        BallotChoice.objects.bulk_create(choices)
        voted = [(pk, when) for pk, when in voted if pk is not None]
        shuffle(voted)
        Participation.objects.bulk_create(
            [
                Participation(
                    poll=poll,
                    user_id=pk,
                    voted_on=django.utils.timezone.localdate(when),
                )
                for pk, when in voted
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_discussions", "0002_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PollParticipation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("voted_on", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "poll",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="intranet_discussions.poll",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="poll_participations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("poll", "user"), name="one_vote_per_person"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="NewBallot",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "receipt_hash",
                    models.CharField(blank=True, max_length=64, null=True),
                ),
                (
                    "poll",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="intranet_discussions.poll",
                    ),
                ),
                (
                    "voter",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="BallotChoice",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "ballot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ballot_choices",
                        to="intranet_discussions.newballot",
                    ),
                ),
                (
                    "option",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ballot_choices",
                        to="intranet_discussions.polloption",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_ballots, migrations.RunPython.noop),
        migrations.DeleteModel(name="Ballot"),
        migrations.RenameModel(old_name="NewBallot", new_name="Ballot"),
        migrations.AlterField(
            model_name="ballot",
            name="poll",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ballots",
                to="intranet_discussions.poll",
            ),
        ),
        migrations.AddField(
            model_name="ballot",
            name="choices",
            field=models.ManyToManyField(
                related_name="ballots",
                through="intranet_discussions.BallotChoice",
                to="intranet_discussions.polloption",
            ),
        ),
        migrations.AlterModelTable(
            name="ballotchoice", table="intranet_discussions_ballot_choices"
        ),
        migrations.AlterField(
            model_name="ballotchoice",
            name="option",
            field=models.ForeignKey(
                db_column="polloption_id",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ballot_choices",
                to="intranet_discussions.polloption",
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("voter__isnull", False)),
                fields=("poll", "voter"),
                name="one_open_ballot_per_person",
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                fields=("receipt_hash",), name="one_ballot_per_receipt"
            ),
        ),
        migrations.AddConstraint(
            model_name="ballotchoice",
            constraint=models.UniqueConstraint(
                fields=("ballot", "option"), name="one_choice_per_option"
            ),
        ),
        migrations.AlterField(
            model_name="poll",
            name="secret",
            field=models.BooleanField(
                default=True,
                help_text="Show only counts, never names. Recorded: that each person voted, and on which day; apart from that, each ballot's chosen options. Not recorded: anything tying a ballot to a person (no name, key, number or time), so nobody, administrators included, can tell who voted what. A voter can change their vote only with the receipt shown to them once, when they voted. Cannot be changed once people have voted.",
                verbose_name="secret ballot",
            ),
        ),
    ]
