"""Roles are the intranet's own permissions, never the name of a host's group; and
``intranet_setup`` puts the intranet's groups and workflows in place, once."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from blog.models import BlogPostPage
from intranet import roles, setup
from intranet.people.pages import LeaderApprovalTask
from tests.conftest import build_tree
from tests.factories import UserFactory, blog_post_form

pytestmark = pytest.mark.django_db


def permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def run_setup():
    out = StringIO()
    call_command("intranet_setup", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything intranet_setup may add, counted."""
    return {
        "groups": Group.objects.count(),
        "group permissions": Group.permissions.through.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
        "tasks": GroupApprovalTask.objects.count() + LeaderApprovalTask.objects.count(),
    }


def host_group(name):
    group = Group.objects.get(name=name)
    return (
        set(group.permissions.values_list("pk", flat=True)),
        set(
            GroupPagePermission.objects.filter(group=group).values_list("pk", flat=True)
        ),
        set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "pk", flat=True
            )
        ),
    )


# Who holds a role ----------------------------------------------------------------


def test_a_member_of_the_hosts_editors_group_is_not_an_intranet_editor(tree):
    editors = Group.objects.get(name="Editors")  # every Wagtail site has one
    assert GroupPagePermission.objects.filter(
        group=editors, page=Page.get_first_root_node(), permission__codename="add_page"
    ).exists()
    web_editor = UserFactory(groups=["Editors"])
    assert not roles.is_editor(web_editor)
    assert not roles.can_view_reports(web_editor)


def test_a_member_of_the_hosts_editors_group_cannot_make_a_post_public(client, tree):
    """Wagtail's default Editors may add pages anywhere, so they can draft a post;
    who may read it stays the intranet editors' call."""
    web_editor = UserFactory(username="webeditor", groups=["Editors"])
    client.force_login(web_editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    form = client.get(url).content.decode()
    assert "Only editors can make a page public." in form
    response = client.post(url, blog_post_form(web_editor, audience="public"))
    assert response.status_code == 302, response.content.decode()[:1000]
    post = BlogPostPage.objects.get(slug="new-centre")
    assert post.audience == "staff"
    assert post.get_latest_revision_as_object().audience == "staff"


def test_a_member_of_the_hosts_moderators_group_publishes_but_not_publicly(
    client, tree
):
    """Wagtail's default Moderators may publish any page; not make it public."""
    web_moderator = UserFactory(username="webmoderator", groups=["Moderators"])
    assert not roles.is_editor(web_moderator)
    assert not roles.is_moderator(web_moderator)
    client.force_login(web_moderator)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    data = blog_post_form(web_moderator, audience="public")
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1000]
    post = BlogPostPage.objects.get(slug="new-centre")
    assert post.live
    assert post.audience == "staff"


def test_whoever_holds_the_edit_permission_is_an_intranet_editor_through_any_group(
    client, tree
):
    communications = Group.objects.create(name="Communications")
    communications.permissions.add(permission("intranet.edit_intranet"))
    # Wagtail's Moderators give the page permissions; Communications the role.
    editor = UserFactory(username="elina", groups=["Moderators", "Communications"])
    assert roles.is_editor(editor)
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    data = blog_post_form(editor, audience="public")
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1000]
    assert BlogPostPage.objects.get(slug="new-centre").audience == "public"


def test_members_of_intranet_editors_are_editors_and_see_the_reports(tree):
    editor = UserFactory(groups=[setup.EDITORS])
    assert roles.is_editor(editor)
    assert roles.can_view_reports(editor)
    assert not roles.is_moderator(editor)


def test_moderators_are_those_with_the_moderate_permission(tree):
    member = UserFactory()
    member.user_permissions.add(permission("intranet.moderate"))
    assert roles.is_moderator(member)
    assert roles.is_moderator(UserFactory(groups=[setup.MODERATORS]))
    assert not roles.is_moderator(UserFactory(groups=["Moderators"]))


def test_a_hosts_comment_moderators_are_not_intranet_moderators(tree):
    comment_moderator = UserFactory()
    comment_moderator.user_permissions.add(permission("django_comments.can_moderate"))
    assert not roles.is_moderator(comment_moderator)


def test_leaders_and_policy_approvers_are_those_with_their_permission(tree):
    leader = UserFactory()
    leader.user_permissions.add(permission("intranet.lead"))
    approver = UserFactory(groups=[setup.POLICY_APPROVERS])
    assert roles.is_leader(leader) and not roles.is_policy_approver(leader)
    assert roles.is_policy_approver(approver) and not roles.is_leader(approver)
    assert roles.can_view_reports(approver)


def test_superusers_hold_every_role_and_inactive_people_none(tree):
    admin = UserFactory(is_superuser=True)
    gone = UserFactory(is_active=False, groups=[setup.EDITORS, setup.MODERATORS])
    for role in (
        roles.is_editor,
        roles.is_moderator,
        roles.is_leader,
        roles.is_policy_approver,
        roles.can_view_reports,
    ):
        assert role(admin)
        assert not role(gone)


def test_asking_for_a_role_again_costs_no_query(tree, django_assert_num_queries):
    editor = UserFactory(groups=[setup.EDITORS])
    roles.is_editor(editor)
    with django_assert_num_queries(0):
        assert roles.is_editor(editor)
        assert not roles.is_moderator(editor)


# intranet_setup ----------------------------------------------------------------------


def test_setup_creates_the_intranets_groups_with_their_permissions(tree):
    output = run_setup()
    assert "added group Intranet editors" in output
    editors = Group.objects.get(name=setup.EDITORS)
    assert editors.permissions.filter(
        content_type__app_label="intranet", codename="edit_intranet"
    ).exists()
    assert GroupPagePermission.objects.filter(
        group=editors, page=tree.home, permission__codename="publish_page"
    ).exists()
    assert GroupCollectionPermission.objects.filter(
        group=editors, permission__codename="add_image"
    ).exists()
    moderators = Group.objects.get(name=setup.MODERATORS)
    assert set(moderators.permissions.values_list("codename", flat=True)) == {
        "moderate",
        "access_admin",
        "view_commentreport",
        "change_commentreport",
    }
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert (
        Group.objects.get(name=setup.LEADERS)
        .permissions.filter(codename="lead")
        .exists()
    )
    assert (
        Group.objects.get(name=setup.POLICY_APPROVERS)
        .permissions.filter(codename="approve_policy")
        .exists()
    )


def test_setup_run_twice_adds_nothing_the_second_time(tree):
    run_setup()
    before = snapshot()
    output = run_setup()
    assert "Nothing to do" in output
    assert "added" not in output
    assert snapshot() == before


def test_setup_leaves_the_hosts_editors_and_moderators_groups_as_they_were(tree):
    before = {name: host_group(name) for name in ("Editors", "Moderators")}
    run_setup()
    run_setup()
    assert {name: host_group(name) for name in ("Editors", "Moderators")} == before


def test_setup_never_changes_a_group_of_another_name(tree):
    team = Group.objects.create(name="Intranet team")
    run_setup()
    assert not team.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=team).exists()


def test_setup_creates_the_approval_workflows(tree):
    run_setup()
    policy = Workflow.objects.get(name=setup.POLICY_WORKFLOW)
    task = policy.tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [setup.POLICY_APPROVERS]
    leader = Workflow.objects.get(name=setup.LEADER_WORKFLOW)
    assert isinstance(leader.tasks.get().specific, LeaderApprovalTask)
    assert WorkflowPage.objects.get(page=tree.people).workflow == leader


def test_setup_without_an_intranet_home_still_creates_groups_and_workflows():
    output = run_setup()
    assert "no intranet home page yet" in output
    assert Group.objects.filter(name=setup.EDITORS).exists()
    assert not GroupPagePermission.objects.filter(group__name=setup.EDITORS).exists()
    assert (
        Workflow.objects.filter(
            name__in=[setup.POLICY_WORKFLOW, setup.LEADER_WORKFLOW]
        ).count()
        == 2
    )


def test_setup_run_once_the_home_exists_grants_the_editors_page_permissions():
    run_setup()
    tree = build_tree()
    output = run_setup()
    assert "publish_page under 'Home'" in output
    assert GroupPagePermission.objects.filter(
        group__name=setup.EDITORS, page=tree.home
    ).exists()
