import pytest

pytestmark = pytest.mark.django_db


def test_staff_home_links_to_the_four_sections(staff_client, tree):
    response = staff_client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    for section in ("blog", "discussions", "guidelines", "people"):
        assert f'href="/{section}/"' in text
    assert "Hello, Sam Okafor" in text


def test_every_section_page_renders_for_staff(staff_client, tree):
    for url in ("/blog/", "/discussions/", "/guidelines/", "/people/"):
        assert staff_client.get(url).status_code == 200


def test_anonymous_visitor_of_a_section_is_sent_to_login(client, tree):
    response = client.get("/guidelines/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/guidelines/"


def test_home_page_costs_a_fixed_number_of_queries(staff_client, tree):
    """Every panel fetches what it shows at once: the home page costs the same with
    one post and thread as with eight, never one query per section, post or person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import (
        BlogPostPageFactory,
        DiscussionThreadPageFactory,
        UserFactory,
        comment_on,
        make_poll,
    )

    def measure():
        staff_client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get("/").status_code == 200
        return len(queries)

    def add_thread():
        thread = DiscussionThreadPageFactory(parent=tree.discussions)
        thread.tags.add("topic")
        make_poll(thread)
        comment_on(thread, UserFactory(), "A reply")

    BlogPostPageFactory(parent=tree.blog)
    add_thread()
    one = measure()
    for _ in range(7):
        BlogPostPageFactory(parent=tree.blog, authors=[UserFactory(), UserFactory()])
        add_thread()
    assert measure() == one
    assert one <= 30


def test_pages_for_signed_in_staff_are_never_stored_by_shared_caches(
    staff_client, tree
):
    response = staff_client.get("/")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_apps_contribute_panels_to_the_home_page(staff_client, tree):
    from wagtail import hooks

    from intranet.panels import HomePanel

    def greeting_panel(request):
        return HomePanel(
            order=1, template="intranet/includes/messages.html", context={}
        )

    def nothing_for_this_person(request):
        return None

    with (
        hooks.register_temporarily("intranet_home_panels", greeting_panel),
        hooks.register_temporarily("intranet_home_panels", nothing_for_this_person),
    ):
        response = staff_client.get("/")
    assert [p.order for p in response.context["panels"]] == [1]


def test_waiting_for_you_lists_guidelines_training_and_questions(client, tree):
    from guidelines.models import TrainingModulePage
    from intranet.social.services import add_comment
    from tests.factories import (
        GuidelinePageFactory,
        TrainingModulePageFactory,
        UserFactory,
    )
    from tests.factories.people import LeaderUpdatePageFactory, leader_profile

    GuidelinePageFactory(parent=tree.guidelines, policy=True, slug="policy")
    TrainingModulePageFactory(
        parent=tree.guidelines, slug="ambassador-basics", required_for_ambassadors=True
    )
    ambassador = UserFactory(is_ambassador=True)
    client.force_login(ambassador)
    html = client.get("/").content.decode()
    assert "Waiting for you" in html
    assert 'data-testid="home-waiting-policy"' in html
    assert 'data-testid="home-training-ambassador-basics"' in html
    assert TrainingModulePage.objects.count() == 1

    laura = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=laura)
    add_comment(update, ambassador, "Will we hire this year?", is_question=True)
    client.force_login(laura.user)
    html = client.get("/").content.decode()
    assert "Questions waiting for your answer" in html
    assert "Will we hire this year?" in html
    assert 'data-testid="home-training-ambassador-basics"' not in html  # not one
