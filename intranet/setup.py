"""What ``manage.py intranet_setup`` puts in place: the intranet's groups, with the
intranet permission each stands for (see ``intranet.roles``) and the Wagtail
permissions its members need in the admin, and the two approval workflows.

Safe on a live site and safe to run again: it only adds what is missing, and only to
groups that carry the intranet's own names. A host's groups, "Editors" and
"Moderators" among them, are never touched.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_content_languages
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from intranet import audience, roles

EDITORS = "Intranet editors"
MODERATORS = "Intranet moderators"
LEADERS = "Intranet leaders"
POLICY_APPROVERS = "Intranet policy approvers"

POLICY_WORKFLOW = "Policy approval"
LEADER_WORKFLOW = "Leader approval"

ACCESS_ADMIN = "wagtailadmin.access_admin"


@dataclass(frozen=True)
class GroupSpec:
    name: str
    # "app_label.codename", the first being the intranet's own
    permissions: tuple[str, ...]
    # on the root collection of images and documents
    collection_permissions: tuple[str, ...] = ()
    # wagtailcore page permissions on the intranet's home page
    page_permissions: tuple[str, ...] = ()


GROUPS = (
    GroupSpec(
        EDITORS,
        permissions=(
            roles.EDIT,
            roles.VIEW_REPORTS,
            ACCESS_ADMIN,
            # Recommended results on the site search, under Settings in the admin.
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
            # Polls, for embedding in posts.
            "intranet_discussions.add_poll",
            "intranet_discussions.change_poll",
            "intranet_discussions.view_poll",
            "intranet_discussions.delete_poll",
        ),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
        page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
        ),
    ),
    GroupSpec(
        MODERATORS,
        # They look after the conversation, not the pages: no page permissions.
        permissions=(
            roles.MODERATE,
            ACCESS_ADMIN,
            # The flagged comments queue in the admin.
            "intranet_social.view_commentreport",
            "intranet_social.change_commentreport",
        ),
    ),
    GroupSpec(
        LEADERS,
        # Each leader also has a group of their own that may add and publish under
        # their profile (intranet.people.leaders).
        permissions=(
            roles.LEAD,
            ACCESS_ADMIN,
            # A poll in an update: make polls and choose them.
            "intranet_discussions.add_poll",
            "intranet_discussions.view_poll",
        ),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
        ),
    ),
    GroupSpec(
        POLICY_APPROVERS,
        # They approve in the Policy approval workflow, whose task names this group.
        permissions=(roles.APPROVE_POLICY, roles.VIEW_REPORTS, ACCESS_ADMIN),
    ),
)
SPECS = {spec.name: spec for spec in GROUPS}


def _permissions(labels):
    """The permissions named ``app_label.codename``, skipping those of an app the
    host did not install. The intranet's own must exist: they come with migrate."""
    wanted = {}
    for label in labels:
        app_label, codename = label.split(".", 1)
        wanted[(app_label, codename)] = label
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(
            content_type__app_label__in={a for a, _c in wanted},
            codename__in={c for _a, c in wanted},
        ).select_related("content_type")
    }
    permissions = []
    for key, label in wanted.items():
        if key in found:
            permissions.append(found[key])
        elif _installed(key[0]):
            raise LookupError(
                f"The permission {label} is missing: run manage.py migrate first."
            )
    return permissions


def _installed(app_label) -> bool:
    try:
        apps.get_app_config(app_label)
    except LookupError:
        return False
    return True


def intranet_home():
    """The intranet's home page, the first in the tree, or None."""
    homes = (model.objects.first() for model in audience.intranet_home_models())
    return next((home for home in homes if home is not None), None)


def ensure_group(spec: GroupSpec, home=None) -> tuple[Group, list[str]]:
    """The group named ``spec.name`` with at least the permissions of ``spec``; page
    permissions only when there is a ``home``. Returns the group and what was added."""
    added = []
    group, created = Group.objects.get_or_create(name=spec.name)
    if created:
        added.append(f"group {group.name}")
    have = set(group.permissions.values_list("pk", flat=True))
    missing = [p for p in _permissions(spec.permissions) if p.pk not in have]
    if missing:
        group.permissions.add(*missing)
        added.append(f"{group.name}: " + ", ".join(sorted(_label(p) for p in missing)))
    if spec.collection_permissions:
        root = Collection.get_first_root_node()
        for permission in _permissions(spec.collection_permissions):
            _link, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
            if created:
                added.append(
                    f"{group.name}: {_label(permission)} in the {root.name} collection"
                )
    if spec.page_permissions and home is not None:
        labels = [f"wagtailcore.{codename}" for codename in spec.page_permissions]
        for permission in _permissions(labels):
            _link, created = GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=permission
            )
            if created:
                added.append(
                    f"{group.name}: {permission.codename} under {home.title!r}"
                )
    return group, added


def group(name: str, home=None) -> Group:
    """One of the intranet's groups, put in place if need be."""
    return ensure_group(SPECS[name], home=home)[0]


def _label(permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def policy_workflow() -> tuple[Workflow, list[str]]:
    """The Policy approval workflow: one step, approved by the Intranet policy
    approvers. Guideline pages that are policies go through it."""
    added = []
    task = GroupApprovalTask.objects.filter(name=POLICY_WORKFLOW).first()
    if task is None:
        approvers, _added = ensure_group(SPECS[POLICY_APPROVERS])
        added += _added
        task = GroupApprovalTask.objects.create(name=POLICY_WORKFLOW)
        task.groups.set([approvers])
        added.append(f"task {POLICY_WORKFLOW}, approved by {approvers.name}")
    workflow, added_workflow = _workflow(POLICY_WORKFLOW, task)
    return workflow, added + added_workflow


def leader_workflow() -> tuple[Workflow, list[str]]:
    """The Leader approval workflow on the People section: a delegate's draft waits
    for its leader (``LeaderApprovalTask``)."""
    from intranet.people.pages import LeaderApprovalTask, PeopleIndexPage

    added = []
    task = LeaderApprovalTask.objects.filter(name=LEADER_WORKFLOW).first()
    if task is None:
        task = LeaderApprovalTask.objects.create(name=LEADER_WORKFLOW)
        added.append(f"task {LEADER_WORKFLOW}")
    workflow, added_workflow = _workflow(LEADER_WORKFLOW, task)
    added += added_workflow
    for index in PeopleIndexPage.objects.all():
        _link, created = WorkflowPage.objects.get_or_create(
            page=index, defaults={"workflow": workflow}
        )
        if created:
            added.append(f"workflow {LEADER_WORKFLOW} on {index.title!r}")
    return workflow, added


def _workflow(name, task) -> tuple[Workflow, list[str]]:
    added = []
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        added.append(f"workflow {name}")
    _link, created = WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    if created and not added:
        added.append(f"workflow {name}: task {task.name}")
    return workflow, added


@transaction.atomic
def run() -> tuple[list[str], object]:
    """Put the groups and workflows in place. Returns what was added and the home
    page the editors' page permissions are on (None when there is none yet)."""
    home = intranet_home()
    added = []
    for spec in GROUPS:
        added += ensure_group(spec, home=home)[1]
    added += policy_workflow()[1]
    added += leader_workflow()[1]
    added += ensure_locales()
    return added, home


def ensure_locales() -> list[str]:
    """A Wagtail locale for each of the site's content languages, so editors can
    translate pages into them (only when the site has Wagtail's localisation on)."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    added = []
    for code in get_content_languages():
        _locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            added.append(f"locale {code}")
    return added
