from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from intranet.demo import DEMO_PASSWORD, step

from .models import User

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
        "groups": ["Editors"],
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
        "groups": ["Leaders"],
    },
    {
        "username": "moderator",
        "first_name": "Mikko",
        "last_name": "Laine",
        "job_title": "Community manager",
        "department": "Communications",
        "location": "Oulu",
        "bio": "I keep our conversations friendly and within the policy.",
        "groups": ["Moderators"],
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
]

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
GROUPS = {
    "Editors": [ADMIN_ACCESS],
    "Leaders": [ADMIN_ACCESS],
    "Moderators": [
        ADMIN_ACCESS,
        ("django_comments", "can_moderate"),
        ("social", "view_commentreport"),
        ("social", "change_commentreport"),
    ],
}
MEDIA_PERMISSIONS = {
    "Editors": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "Leaders": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
    ],
}


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@step(10, "Groups and their permissions")
def groups(stdout):
    added = 0
    root_collection = Collection.get_first_root_node()
    for name, perms in GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        added += created
        for app_label, codename in perms:
            group.permissions.add(permission(app_label, codename))
        for app_label, codename in MEDIA_PERMISSIONS.get(name, []):
            _, created = GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=permission(app_label, codename),
            )
            added += created
    # Wagtail's own migrations let Moderators publish any page. Here they look after
    # the conversation, not the pages, so they keep admin access and nothing else.
    GroupPagePermission.objects.filter(group__name="Moderators").delete()
    return added


@step(11, "Demo users")
def users(stdout):
    added = 0
    for spec in DEMO_USERS:
        spec = dict(spec)
        group_names = spec.pop("groups")
        username = spec.pop("username")
        if User.objects.filter(username=username).exists():
            continue
        user = User(username=username, email=f"{username}@example.com", **spec)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=group_names))
        added += 1
    return added
