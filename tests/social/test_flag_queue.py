import pytest
from django.contrib.auth.models import Permission

from intranet.social import services
from intranet.social.models import CommentReport
from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db

QUEUE = "/admin/flagged-comments/"


@pytest.fixture
def queue_moderator(moderator):
    group = moderator.groups.get()
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="intranet_social",
            codename__in=["view_commentreport", "change_commentreport"],
        ),
    )
    return moderator


@pytest.fixture
def report(post, staff):
    comment = comment_on(post, UserFactory(), "You lot are useless")
    return services.report_comment(comment, staff, "Insults a whole team")


def test_moderators_see_the_flag_queue(client, queue_moderator, report):
    client.force_login(queue_moderator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert "Insults a whole team" in response.content.decode()


def test_staff_cannot_open_the_flag_queue(staff_client, report):
    response = staff_client.get(QUEUE)
    assert response.status_code in (302, 403)
    assert b"Insults a whole team" not in response.content


def test_a_moderator_hides_a_reported_comment_from_the_queue(
    client, queue_moderator, report
):
    client.force_login(queue_moderator)
    url = f"{QUEUE}edit/{report.pk}/"
    missing = client.post(url, {"decision": "hidden", "reason_for_author": ""})
    assert missing.status_code == 200
    assert "Say why" in missing.content.decode()
    response = client.post(
        url, {"decision": "hidden", "reason_for_author": "Criticise ideas, not people."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    report.comment.refresh_from_db()
    assert report.status == CommentReport.Status.HIDDEN
    assert report.comment.is_hidden
    assert report.comment.hidden_reason == "Criticise ideas, not people."
    assert report.comment.hidden_by == queue_moderator


def test_a_moderator_dismisses_reports_and_the_comment_stays(
    client, queue_moderator, report
):
    client.force_login(queue_moderator)
    client.post(f"{QUEUE}edit/{report.pk}/", {"decision": "dismissed"})
    report.refresh_from_db()
    report.comment.refresh_from_db()
    assert report.status == CommentReport.Status.DISMISSED
    assert report.comment.is_public
