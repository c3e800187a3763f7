"""How each person wants to hear about each kind of notification.

Nobody has to choose: with no saved preference, mentions and replies are e-mailed at
once and the rest gathered in a daily digest, and everything shows under the bell.
A saved row overrides the default for one kind.
"""

from dataclasses import dataclass

from .models import Delivery, Kind, NotificationPreference

AT_ONCE_BY_DEFAULT = frozenset({Kind.REPLY, Kind.MENTION})


@dataclass(frozen=True)
class Choice:
    on_site: bool
    email: str


def default(kind) -> Choice:
    email = Delivery.INSTANT if kind in AT_ONCE_BY_DEFAULT else Delivery.DAILY
    return Choice(on_site=True, email=email)


def for_people(user_ids) -> dict[int, dict[str, Choice]]:
    """Every kind's choice for each of ``user_ids``, in one query."""
    chosen = {pk: {} for pk in user_ids}
    rows = NotificationPreference.objects.filter(user_id__in=list(chosen)).values_list(
        "user_id", "kind", "on_site", "email"
    )
    for user_id, kind, on_site, email in rows:
        chosen[user_id][kind] = Choice(on_site, email)
    return {
        pk: {kind: kinds.get(kind, default(kind)) for kind in Kind.values}
        for pk, kinds in chosen.items()
    }


def for_person(user) -> dict[str, Choice]:
    return for_people([user.pk])[user.pk]


def choose(user, kind, *, on_site: bool, email: str) -> None:
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"on_site": on_site, "email": email}
    )


def emails_at_once(choice: Choice, urgent: bool) -> bool:
    """Whether a notification goes by e-mail straight away: at once by choice, or
    urgent (a must-read guideline, an urgent leader update) unless e-mail is off."""
    return choice.email == Delivery.INSTANT or (urgent and choice.email != Delivery.OFF)
