"""What must not change in the host when the intranet is installed: its users and
their password hashes, its pages, and its own "Editors" and "Moderators" groups."""

from django.contrib.auth import get_user_model


def snapshot():
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

    def label(permission):
        return f"{permission.content_type.app_label}.{permission.codename}"

    groups = {}
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        groups[group.name] = {
            "permissions": sorted(label(p) for p in group.permissions.all()),
            "pages": sorted(
                f"{g.page.url_path} {label(g.permission)}"
                for g in GroupPagePermission.objects.filter(group=group)
            ),
            "collections": sorted(
                f"{g.collection.name} {label(g.permission)}"
                for g in GroupCollectionPermission.objects.filter(group=group)
            ),
        }
    return {
        "users": {
            u.username: u.password for u in get_user_model().objects.order_by("pk")
        },
        "pages": [
            [p.url_path, p.title, p.content_type.model, p.live]
            for p in Page.objects.order_by("path")
        ],
        "groups": groups,
    }
