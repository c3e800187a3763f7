"""What leaders and their delegates do: post updates, approve drafts, answer questions.

Posting rules:

* The leader posts: the update is published at once; owner and leader are them.
* A delegate posts: the update is saved as a draft (owner is still the leader, so the
  leader can edit it in the admin), ``prepared_with`` names the delegate, and the
  draft goes to the "Leader approval" workflow. Only that leader approves it.

Admin permissions: each leader is in the Intranet leaders group (the lead
permission, admin access, images and polls) and has a group of their own ("Leader:
<name>") that may *add* and *publish* pages under their own profile and nowhere else.
Wagtail lets a person with *add* edit only pages they own, so no leader reaches
another's updates.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Workflow

from intranet import audience, setup
from intranet.audience import Audience
from intranet.social.models import Comment
from intranet.social.translations import conversation_page, conversation_pk

from .pages import RESERVED_SLUGS, LeaderProfilePage, LeaderUpdatePage

LEADER_PAGE_PERMISSIONS = ("add_page", "publish_page")
MAX_OPEN_QUESTIONS = 50


# Posting -------------------------------------------------------------------------


def unique_slug(profile, title: str) -> str:
    base = slugify(title)[:60].strip("-") or "update"
    if base in RESERVED_SLUGS:
        base = f"{base}-update"
    taken = set(
        profile.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def post_update(
    profile: LeaderProfilePage,
    author,
    title: str,
    text: str,
    image=None,
    video_url: str = "",
    slug: str = "",
    urgent: bool = False,
) -> LeaderUpdatePage:
    """Post an update on ``profile`` as ``author``: published if they are the leader,
    a draft waiting for the leader's approval if they are a delegate."""
    if not profile.can_post(author):
        raise PermissionDenied
    leader = profile.user
    update = LeaderUpdatePage(
        title=title,
        slug=unique_slug(profile, slug or title),
        text=text,
        image=image,
        video_url=video_url,
        urgent=urgent,
        owner=leader,
        audience=Audience.STAFF,
        prepared_with=None if author.pk == leader.pk else author,
        live=author.pk == leader.pk,
    )
    if not update.live:
        update.has_unpublished_changes = True
    profile.add_child(instance=update)
    revision = update.save_revision(user=author)
    if author.pk == leader.pk:
        revision.publish(user=author)
    else:
        workflow = update.get_workflow()
        if workflow is None:
            workflow = ensure_workflow()
        workflow.start(update, author)
    return update


def waiting_drafts(profile: LeaderProfilePage, user) -> list[LeaderUpdatePage]:
    """Drafts under ``profile`` still waiting for approval; only its leader and
    delegates are shown them."""
    if not profile.can_post(user):
        return []
    return list(
        LeaderUpdatePage.objects.child_of(profile)
        .filter(live=False, prepared_with__isnull=False)
        .select_related("prepared_with__intranet_profile")
        .order_by("-latest_revision_created_at", "-pk")
    )


@transaction.atomic
def approve(profile: LeaderProfilePage, update: LeaderUpdatePage, user) -> None:
    """The leader approves a delegate's draft: the workflow step passes and the
    update is published."""
    if not profile.is_leader(user) or not update.is_child_of(profile):
        raise PermissionDenied
    task_state = update.current_workflow_task_state
    if task_state is None:
        # Not in a workflow (e.g. it was cancelled): the leader publishes it.
        update.get_latest_revision().publish(user=user)
        return
    task = task_state.task.specific
    if "approve" not in {
        name for name, _label, _modal in task.get_actions(update, user)
    }:
        raise PermissionDenied
    task.on_action(task_state, user, "approve")


# Questions -----------------------------------------------------------------------


@dataclass
class Question:
    comment: Comment
    answered: bool


def questions_in(conversation, leader_id) -> list[Question]:
    """The questions in an update's conversation, each answered or not.

    Works on the conversation already loaded for the page: no query at all. A
    question is answered when the leader wrote a reply under it that is still shown.
    """

    def leader_replied(node) -> bool:
        return any(
            (
                child.comment.user_id == leader_id
                and child.comment.is_public
                and not child.comment.is_removed
            )
            or leader_replied(child)
            for child in node.children
        )

    return [
        Question(comment=node.comment, answered=leader_replied(node))
        for node in conversation.roots
        if node.comment.is_question
        and node.comment.is_public
        and not node.comment.is_removed
    ]


def open_questions(profile: LeaderProfilePage, user, updates=None) -> list[Comment]:
    """Questions for the leader still unanswered: those asked on their profile and
    those under their updates (that ``user`` may see). Each carries ``page``, where
    it was asked and is answered. ``updates``, when given, are the profile's updates
    already narrowed to what ``user`` may see.

    Three queries however many updates and questions there are: the content types
    (cached after the first), the questions with their askers, and their updates.
    """
    if updates is None:
        updates = audience.visible_to(LeaderUpdatePage.objects.child_of(profile), user)
    answers = (
        Comment.objects.counted()
        .filter(user_id=profile.user_id, parent_id=OuterRef("pk"))
        .exclude(pk=OuterRef("pk"))
    )
    # Questions are asked in the conversation of each page's original, whichever
    # version the person asked on.
    on_updates = Q(
        content_type=ContentType.objects.get_for_model(LeaderUpdatePage),
        object_pk__in=updates.annotate(
            key=Cast(conversation_pk(), output_field=CharField())
        ).values("key"),
    )
    profile_talk = conversation_page(profile).pk
    on_profile = Q(
        content_type=ContentType.objects.get_for_model(LeaderProfilePage),
        object_pk=str(profile_talk),
    )
    questions = (
        Comment.objects.counted()
        .filter(on_updates | on_profile, is_question=True)
        .annotate(answered=Exists(answers))
        .filter(answered=False)
        .select_related("user__intranet_profile")
        .order_by("submit_date")[:MAX_OPEN_QUESTIONS]
    )
    questions = list(questions)
    update_ids = {int(q.object_pk) for q in questions} - {profile_talk}
    pages = {profile_talk: profile}
    if update_ids:
        # Each question links to the version of its update that ``user`` reads here.
        pages.update(
            (page.talk, page)
            for page in LeaderUpdatePage.objects.annotate(talk=conversation_pk())
            .filter(talk__in=update_ids, pk__in=updates.values("pk"))
            .defer_streamfields()
        )
    for question in questions:
        question.page = pages.get(int(question.object_pk))
    return questions


# Permissions and the workflow ----------------------------------------------------


def leader_group_name(user) -> str:
    return f"Leader: {user.intranet_profile.name} ({user.username})"[:150]


def ensure_workflow() -> Workflow:
    """The one "Leader approval" workflow, on the People section."""
    return setup.leader_workflow()[0]


def grant_leader_permissions(profile: LeaderProfilePage) -> Group:
    """The leader's own group: add and publish under their profile; the lead
    permission and admin access through the Intranet leaders group. Anyone else who
    was in the leader's own group is taken out."""
    group = (
        Group.objects.filter(
            page_permissions__page=profile,
            name__startswith="Leader: ",
        ).first()
        or Group.objects.get_or_create(name=leader_group_name(profile.user))[0]
    )
    for codename in LEADER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=profile,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    if group.name != leader_group_name(profile.user):
        group.name = leader_group_name(profile.user)
        group.save(update_fields=["name"])
    group.user_set.set([profile.user])
    profile.user.groups.add(setup.group(setup.LEADERS))
    if profile.owner_id != profile.user_id:
        LeaderProfilePage.objects.filter(pk=profile.pk).update(owner=profile.user)
    return group


def publish_message(update: LeaderUpdatePage, author) -> str:
    if update.live:
        return _("Your update is published.")
    return _("Your draft is saved and waits for %(name)s to approve it.") % {
        "name": update.leader.intranet_profile.name if update.leader else ""
    }
