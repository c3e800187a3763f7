from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from intranet import renditions, setup
from intranet.demo import (
    COLLEAGUE_PREFIX,
    DEMO_IMAGES,
    DEMO_PASSWORD,
    demo_colleagues,
    demo_picture,
    get_or_create_child,
    step,
)
from intranet.social.models import Comment, PageFollow, PageReaction
from intranet.social.services import add_comment, follow

from . import leaders
from .demo_leaders import FOLLOWS, LEADERS, QUESTIONS, REACTIONS, UPDATES
from .models import (
    LeaderProfilePage,
    LeaderUpdatePage,
    PeopleIndexPage,
    create_person,
)

DEMO_USERS = [
    {
        "username": "admin",
        "first_name": "Alex",
        "last_name": "Morgan",
        "job_title": "Intranet administrator",
        "department": "Digital",
        "location": "Helsinki",
        "bio": "I look after the intranet itself. Tell me what gets in your way.",
        "is_superuser": True,
        "is_staff": True,
        "groups": [],
    },
    {
        "username": "editor",
        "first_name": "Elina",
        "last_name": "Virtanen",
        "job_title": "Internal communications lead",
        "department": "Communications",
        "location": "Helsinki",
        "bio": "I edit the blog and the guidelines. Got a story from your team? Tell me.",
        "linkedin_url": "https://www.linkedin.com/in/example-elina",
        "groups": [setup.EDITORS],
    },
    {
        "username": "leader",
        "first_name": "Laura",
        "last_name": "Bennett",
        "job_title": "Chief executive",
        "department": "Leadership",
        "location": "Tampere",
        "bio": "I would rather hear a hard question early than an easy answer late.",
        "linkedin_url": "https://www.linkedin.com/in/example-laura",
        "x_url": "https://x.com/example_laura",
        "groups": [setup.LEADERS],
    },
    {
        "username": "moderator",
        "first_name": "Mikko",
        "last_name": "Laine",
        "job_title": "Community manager",
        "department": "Communications",
        "location": "Oulu",
        "bio": "I keep our conversations friendly and within the policy.",
        "groups": [setup.MODERATORS],
    },
    {
        "username": "staff",
        "first_name": "Sam",
        "last_name": "Okafor",
        "job_title": "Customer service advisor",
        "department": "Customer Service",
        "location": "Tampere",
        "bio": "Talking to customers all day; happy to share what they tell us.",
        "groups": [],
    },
    {
        # A member of staff who reads the intranet, and gets its e-mails, in Finnish.
        "username": "satu",
        "first_name": "Satu",
        "last_name": "Rantanen",
        "job_title": "Customer service team leader",
        "department": "Customer Service",
        "location": "Oulu",
        "bio": "Vedän Oulun asiakaspalvelutiimiä. Kysy rohkeasti, jos asiakkaan "
        "kysymys jää mietityttämään.",
        "language": "fi",
        "groups": [],
    },
]


@step(10, "The intranet's groups, permissions and workflows (intranet_setup)")
def groups(stdout):
    added, _home = setup.run()
    return len(added)


@step(11, "Demo users")
def users(stdout):
    added = 0
    for spec in DEMO_USERS:
        spec = dict(spec)
        group_names = spec.pop("groups")
        username = spec.pop("username")
        if get_user_model().objects.filter(username=username).exists():
            continue
        user = create_person(
            username, DEMO_PASSWORD, email=f"{username}@example.com", **spec
        )
        user.groups.set(Group.objects.filter(name__in=group_names))
        added += 1
    return added


# Leaders ---------------------------------------------------------------------------


@step(60, "Leaders")
def leader_users(stdout):
    added = 0
    leaders = setup.group(setup.LEADERS)
    for spec in LEADERS:
        fields = {
            key: value
            for key, value in spec.items()
            if key
            not in {"username", "slug", "role", "biography", "focus_areas", "delegates"}
        }
        if (
            not fields
            or get_user_model().objects.filter(username=spec["username"]).exists()
        ):
            continue
        user = create_person(
            spec["username"],
            DEMO_PASSWORD,
            email=f"{spec['username']}@example.com",
            **fields,
        )
        user.groups.add(leaders)
        added += 1
    return added


@step(61, "Leader profiles and the Leader approval workflow")
def leader_profiles(stdout):
    index = PeopleIndexPage.objects.first()
    added = 0
    for spec in LEADERS:
        user = get_user_model().objects.get(username=spec["username"])
        profile, created = get_or_create_child(
            index,
            LeaderProfilePage,
            spec["slug"],
            title=user.intranet_profile.name,
            user=user,
            role=spec["role"],
            biography=spec["biography"],
            focus_areas=spec["focus_areas"],
        )
        added += created
        if created and spec["delegates"]:
            profile.delegates.set(
                get_user_model().objects.filter(username__in=spec["delegates"])
            )
            profile.save_revision().publish()
    return added


@step(62, "Leader updates")
def leader_updates(stdout):
    added = 0
    now = timezone.now()
    for username, slug, title, text, delegate, days in UPDATES:
        profile = LeaderProfilePage.objects.get(user__username=username)
        if profile.get_children().filter(slug=slug).exists():
            continue
        author = get_user_model().objects.get(username=delegate or username)
        update = leaders.post_update(profile, author, title=title, text=text, slug=slug)
        if delegate:
            leaders.approve(profile, update, profile.user)
        LeaderUpdatePage.objects.filter(pk=update.pk).update(
            first_published_at=now - timedelta(days=days),
            last_published_at=now - timedelta(days=days),
        )
        added += 1
    return added


@step(63, "Questions to leaders, answers, reactions and follows")
def leader_conversations(stdout):
    people = {u.username: u for u in get_user_model().objects.all()}
    added = 0
    for slug, asker, question, answer in QUESTIONS:
        update = LeaderUpdatePage.objects.get(slug=slug)
        if Comment.objects.for_page(update).exists():
            continue
        asked = add_comment(update, people[asker], question, is_question=True)
        added += 1
        if answer:
            add_comment(update, update.leader, answer, parent=asked)
            added += 1
    for slug, reactions in REACTIONS.items():
        update = LeaderUpdatePage.objects.get(slug=slug)
        for username, kind in reactions.items():
            _, created = PageReaction.objects.get_or_create(
                page=update, user=people[username], defaults={"kind": kind}
            )
            added += created
    for username, leader_names in FOLLOWS.items():
        for profile in LeaderProfilePage.objects.filter(
            user__username__in=leader_names
        ):
            if not PageFollow.objects.filter(
                user=people[username], page=profile
            ).exists():
                follow(people[username], profile)
                added += 1
    return added


# Portraits ---------------------------------------------------------------------------

# Whose avatar is an illustrated portrait; Alex keeps initials, as most people do.
PORTRAITS = {
    "leader": "portrait-laura",
    "oliver": "portrait-oliver",
    "priya": "portrait-priya",
    "editor": "portrait-elina",
    "moderator": "portrait-mikko",
    "staff": "portrait-sam",
}
AVATAR_PIXELS = 192  # twice the largest avatar, 96 pixels


def _avatar(name) -> ContentFile:
    """The portrait cropped to the head and made avatar-sized: profile photos are
    shown as they are, so a 600-pixel file would be sent for a 32-pixel circle."""
    with Image.open(DEMO_IMAGES / f"{name}.jpg") as portrait:
        width, height = portrait.size
        margin = width // 10
        head = portrait.crop((margin, margin, width - margin, height - margin))
        head = head.resize((AVATAR_PIXELS, AVATAR_PIXELS), Image.LANCZOS)
        out = BytesIO()
        head.save(out, "JPEG", quality=88, optimize=True)
    return ContentFile(out.getvalue(), name=f"{name}.jpg")


@step(64, "Portraits of some people and leaders, and their renditions")
def portraits(stdout):
    added = 0
    for username, name in PORTRAITS.items():
        user = get_user_model().objects.filter(username=username).first()
        if user is None or user.intranet_profile.photo:
            continue
        user.intranet_profile.photo = _avatar(name)
        user.intranet_profile.save(update_fields=["photo"])
        added += 1
    profiles = LeaderProfilePage.objects.filter(
        user__username__in=PORTRAITS
    ).select_related("user")
    for profile in profiles:
        if profile.photo_id is not None:
            continue
        published = profile.last_published_at
        profile.photo = demo_picture(PORTRAITS[profile.user.username])
        profile.save_revision().publish()
        LeaderProfilePage.objects.filter(pk=profile.pk).update(
            last_published_at=published
        )
        added += 1
    added += renditions.make(
        [profile.photo for profile in profiles.select_related("photo")],
        renditions.LEADER_PHOTO,
    )
    return added


@step(12, "Colleagues across five departments, for the engagement figures")
def colleagues(stdout):
    """Colleagues who cannot sign in (no password): they read, react and acknowledge
    in the demo so that the engagement report has departments to compare."""
    existing = set(
        get_user_model()
        .objects.filter(username__startswith=COLLEAGUE_PREFIX)
        .values_list("username", flat=True)
    )
    added = 0
    for username, first, last, department, location in demo_colleagues():
        if username in existing:
            continue
        create_person(
            username,
            None,
            email=f"{username}@example.com",
            first_name=first,
            last_name=last,
            job_title="Specialist",
            department=department,
            location=location,
        )
        added += 1
    return added
