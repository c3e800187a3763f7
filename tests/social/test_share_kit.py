"""The ambassadors' share kit: counting X's way, tracked links, the share endpoint."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from intranet import setup
from intranet.social.models import ShareClick, SharingSettings, TrackedVisit
from intranet.social.sharing import (
    fit_x_text,
    share_address,
    tracked_url,
    x_length,
    x_post_length,
)
from tests.factories import BlogPostPageFactory, PublicPostFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        ("", 0),
        ("café", 4),
        ("👍", 2),
        ("👍🏽", 2),
        ("👩‍💻", 2),
        ("🇬🇧", 2),
        ("日本", 4),
        ("see https://example.org/a/very/long/path/that/goes/on/and/on", 27),
        ("a http://x.co b", 27),
    ],
)
def test_x_length_counts_as_x_does(text, length):
    assert x_length(text) == length


def test_x_post_length_adds_the_hashtag_and_the_link():
    assert x_post_length("Hello", "#Voices") == len("Hello #Voices") + 1 + 23
    assert x_post_length("Hello #voices", "#Voices") == len("Hello #voices") + 24


@pytest.fixture
def sharing(tree):
    settings = SharingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hashtag = "#NorthwindVoices"
    settings.utm_campaign = "spring"
    settings.save()
    return settings


def test_an_x_text_over_280_with_link_and_hashtag_is_refused(tree, sharing):
    post = PublicPostFactory(parent=tree.blog)
    post.share_text_x = "a" * 239  # + " #NorthwindVoices" (17) + link (24) = 280
    post.full_clean()
    post.share_text_x = "a" * 240
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "share_text_x" in error.value.message_dict


def test_tracked_links_carry_our_utm_tag():
    url = tracked_url("https://example.org/blog/p/?x=1#top", "linkedin", "spring")
    assert url == (
        "https://example.org/blog/p/"
        "?utm_source=linkedin&utm_medium=ambassador&utm_campaign=spring"
    )


def test_share_addresses_are_the_networks_own():
    link = "https://example.org/p/"
    assert share_address("linkedin", link, "t", "T").startswith(
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2F"
    )
    assert share_address("x", link, "t", "T").startswith("https://x.com/intent/post?")
    assert share_address("facebook", link, "t", "T").startswith(
        "https://www.facebook.com/sharer/sharer.php?u="
    )
    assert share_address("email", link, "Hi there", "Title") == (
        "mailto:?subject=Title&body=Hi%20there%0A%0Ahttps%3A%2F%2Fexample.org%2Fp%2F"
    )
    with pytest.raises(ValueError):
        share_address("myspace", link, "", "")


@pytest.fixture
def ambassador(db):
    return UserFactory(username="amb", is_ambassador=True)


@pytest.fixture
def public(tree, sharing):
    return PublicPostFactory(
        parent=tree.blog,
        slug="centre",
        title="New centre",
        share_text_x="We opened a new centre!",
    )


def test_an_ambassador_is_sent_to_linkedin_with_the_tracked_link(
    client, public, ambassador
):
    client.force_login(ambassador)
    response = client.post(f"/social/share/{public.pk}/linkedin/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc, location.path) == (
        "https",
        "www.linkedin.com",
        "/sharing/share-offsite/",
    )
    shared = parse_qs(location.query)["url"][0]
    assert shared == (
        "http://localhost/blog/centre/"
        "?utm_source=linkedin&utm_medium=ambassador&utm_campaign=spring"
    )
    click = ShareClick.objects.get()
    assert (click.page_id, click.network, click.user) == (
        public.pk,
        "linkedin",
        ambassador,
    )


def test_the_x_share_carries_the_suggested_text_and_the_hashtag(
    client, public, ambassador
):
    client.force_login(ambassador)
    location = urlsplit(client.post(f"/social/share/{public.pk}/x/")["Location"])
    assert location.netloc == "x.com"
    query = parse_qs(location.query)
    assert query["text"] == ["We opened a new centre! #NorthwindVoices"]
    assert "utm_source=x" in query["url"][0]


@pytest.mark.parametrize("network", ["myspace", "LINKEDIN", "javascript", "other"])
def test_a_forged_network_gets_400_and_no_redirect(client, public, ambassador, network):
    client.force_login(ambassador)
    response = client.post(f"/social/share/{public.pk}/{network}/")
    assert response.status_code == 400
    assert "Location" not in response
    assert not ShareClick.objects.exists()


@pytest.mark.parametrize(
    "extra", [{"target": "https://evil.example"}, {"next": "//evil.example"}]
)
def test_extra_target_parameters_are_ignored(client, public, ambassador, extra):
    client.force_login(ambassador)
    response = client.post(
        f"/social/share/{public.pk}/facebook/?target=https://evil.example", extra
    )
    assert response.status_code == 302
    assert response["Location"].startswith("https://www.facebook.com/sharer/")
    assert "evil" not in response["Location"]


def test_internal_posts_cannot_be_shared(client, tree, ambassador):
    post = BlogPostPageFactory(parent=tree.blog)
    client.force_login(ambassador)
    assert client.post(f"/social/share/{post.pk}/linkedin/").status_code == 404
    assert client.post("/social/share/999999/linkedin/").status_code == 404
    assert not ShareClick.objects.exists()


def test_staff_who_are_not_ambassadors_get_403(staff_client, public):
    assert staff_client.post(f"/social/share/{public.pk}/linkedin/").status_code == 403
    assert not ShareClick.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in(client, public):
    response = client.post(f"/social/share/{public.pk}/linkedin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_plain_link_to_the_share_address_counts_nothing(client, public, ambassador):
    """Only a POST from the share panel counts: a link on another site cannot."""
    client.force_login(ambassador)
    assert client.get(f"/social/share/{public.pk}/linkedin/").status_code == 405
    assert not ShareClick.objects.exists()


def test_copying_the_link_is_counted_by_post_only(client, public, ambassador):
    client.force_login(ambassador)
    assert client.get(f"/social/share/{public.pk}/copy/").status_code == 405
    assert client.post(f"/social/share/{public.pk}/copy/").status_code == 204
    assert ShareClick.objects.get().network == "copy"


def test_a_tracked_visit_is_counted_once_an_hour_per_address(
    client, public, throttles_on
):
    url = f"{public.url}?utm_source=linkedin&utm_medium=ambassador&utm_campaign=s"
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
    assert TrackedVisit.objects.get().network == "linkedin"
    client.get(url, REMOTE_ADDR="10.0.0.9")
    assert TrackedVisit.objects.count() == 2


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?utm_source=linkedin",
        "?utm_source=evil&utm_medium=ambassador",
        "?utm_source=linkedin&utm_medium=email",
    ],
)
def test_untagged_or_unknown_visits_are_not_counted(client, public, query):
    client.get(f"{public.url}{query}")
    assert not TrackedVisit.objects.exists()


def test_visits_to_internal_posts_are_never_counted(staff_client, tree):
    post = BlogPostPageFactory(parent=tree.blog)
    staff_client.get(f"{post.url}?utm_source=x&utm_medium=ambassador")
    assert not TrackedVisit.objects.exists()


def test_authors_and_editors_see_shares_ambassadors_and_visits_back(
    client, tree, public, ambassador
):
    other = UserFactory(is_ambassador=True)
    for user, network in [(ambassador, "x"), (ambassador, "linkedin"), (other, "x")]:
        ShareClick.objects.create(page=public, user=user, network=network)
    for _ in range(5):
        TrackedVisit.objects.create(page=public, network="x")
    editor = UserFactory(groups=[setup.EDITORS])
    client.force_login(editor)
    html = client.get(public.url).content.decode()
    assert "Shared 3 times by 2 ambassadors; 5 visits back" in " ".join(html.split())
    author = public.people[0]
    client.force_login(author)
    assert 'data-testid="share-stats"' in client.get(public.url).content.decode()


def test_plain_staff_see_no_share_counts(staff_client, public):
    html = staff_client.get(public.url).content.decode()
    assert 'data-testid="share-stats"' not in html
    assert 'data-testid="share-linkedin"' not in html


def test_an_ambassador_gets_the_share_panel_and_their_own_history(
    client, public, ambassador
):
    ShareClick.objects.create(page=public, user=ambassador, network="x")
    ShareClick.objects.create(page=public, user=UserFactory(), network="x")
    client.force_login(ambassador)
    html = client.get(public.url).content.decode()
    for network in ("linkedin", "x", "facebook", "email"):
        assert f'data-testid="share-{network}"' in html
    assert "utm_source=copy" in html
    assert "You have shared this post 1 time." in html
    assert 'data-testid="share-stats"' not in html
    history = client.get("/social/shares/").content.decode()
    assert "New centre" in history
    assert "You have shared 1 time." in history


def test_internal_posts_never_offer_sharing(client, tree, ambassador):
    post = BlogPostPageFactory(parent=tree.blog)
    client.force_login(ambassador)
    assert 'data-testid="share-panel"' not in client.get(post.url).content.decode()


def test_only_public_posts_let_forms_go_to_the_share_networks(
    client, public, ambassador, tree
):
    client.force_login(ambassador)
    policy = client.get(public.url)["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if "form-action" in d)
    assert "https://www.linkedin.com" in form_action
    internal = BlogPostPageFactory(parent=tree.blog)
    policy = client.get(internal.url)["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if "form-action" in d)
    assert form_action.strip() == "form-action 'self'"


# The suggested texts in the panel and in the share addresses -------------------------


@pytest.fixture
def worded(tree, sharing):
    return PublicPostFactory(
        parent=tree.blog,
        slug="worded",
        title="Café & bakery: open",
        share_text_linkedin="Our new centre opens its doors to the city.",
        share_text_x="We opened a new centre & café! 50% off #1 day",
        share_text_facebook="Come and see the new centre this weekend.",
        share_text_email="Dear friends,\nwe opened a new centre.",
    )


def _textarea(html, network):
    match = re.search(
        rf'<textarea[^>]*id="share-text-{network}"[^>]*>(.*?)</textarea>', html, re.S
    )
    assert match, f"no suggested text for {network}"
    return match.group(0), match.group(1)


def test_an_ambassador_sees_each_networks_suggested_text_with_the_hashtag(
    client, worded, ambassador, django_assert_max_num_queries
):
    """The texts are fields of the post itself: four of them cost no query."""
    plain = PublicPostFactory(parent=worded.get_parent(), slug="plain")
    client.force_login(ambassador)
    client.get(plain.url)
    client.get(worded.url)  # both reads of the day counted: compare like with like
    with django_assert_max_num_queries(100) as without_texts:
        client.get(plain.url)
    with django_assert_max_num_queries(len(without_texts.captured_queries)):
        html = client.get(worded.url).content.decode()
    expected = {
        "linkedin": "Our new centre opens its doors to the city. #NorthwindVoices",
        "x": "We opened a new centre &amp; café! 50% off #1 day #NorthwindVoices",
        "facebook": "Come and see the new centre this weekend. #NorthwindVoices",
        "email": "Dear friends,\nwe opened a new centre. #NorthwindVoices",
    }
    for network, text in expected.items():
        tag, content = _textarea(html, network)
        assert content == text
        assert "readonly" in tag
        assert f'<label class="share-network__label" for="share-text-{network}"' in html
        assert re.search(
            rf'<button type="button"[^>]*hidden[^>]*data-testid="share-copy-{network}"',
            html,
        ), "the copy button waits for JavaScript"
    assert "LinkedIn takes only the link: copy the text first" in html
    assert 'data-share-text="Our new centre opens its doors' in html


def test_a_network_without_a_suggested_text_offers_no_text_to_copy(
    client, public, ambassador
):
    client.force_login(ambassador)
    html = client.get(public.url).content.decode()
    assert 'id="share-text-x"' in html
    assert 'id="share-text-linkedin"' not in html
    assert 'data-testid="share-copy-linkedin"' not in html
    assert 'data-testid="share-linkedin"' in html
    assert "No suggested text for this post: write your own." in html


def test_markup_in_the_editors_texts_is_shown_as_text(client, public, ambassador):
    hostile = '</textarea><script>alert("x")</script><img src=x onerror=alert(1)>'
    public.share_text_linkedin = hostile
    public.share_text_x = hostile[:120]
    public.save_revision().publish()
    client.force_login(ambassador)
    html = client.get(public.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    _tag, content = _textarea(html, "linkedin")
    assert content == (
        "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        "&lt;img src=x onerror=alert(1)&gt; #NorthwindVoices"
    )
    assert 'data-share-text="&lt;/textarea&gt;&lt;script&gt;' in html
    location = client.post(f"/social/share/{public.pk}/x/")["Location"]
    assert "<" not in location
    assert parse_qs(urlsplit(location).query)["text"] == [
        hostile[:120] + " #NorthwindVoices"
    ]


def test_the_x_address_carries_the_x_text_and_the_tagged_link_url_encoded(
    client, worded, ambassador
):
    client.force_login(ambassador)
    location = client.post(f"/social/share/{worded.pk}/x/")["Location"]
    assert location == (
        "https://x.com/intent/post"
        "?text=We+opened+a+new+centre+%26+caf%C3%A9%21+50%25+off+%231+day"
        "+%23NorthwindVoices"
        "&url=http%3A%2F%2Flocalhost%2Fblog%2Fworded%2F"
        "%3Futm_source%3Dx%26utm_medium%3Dambassador%26utm_campaign%3Dspring"
    )


def test_the_email_address_carries_the_title_and_the_text_with_the_tagged_link(
    client, worded, ambassador
):
    client.force_login(ambassador)
    location = client.post(f"/social/share/{worded.pk}/email/")["Location"]
    assert location == (
        "mailto:?subject=Caf%C3%A9%20%26%20bakery%3A%20open"
        "&body=Dear%20friends%2C%0Awe%20opened%20a%20new%20centre.%20%23NorthwindVoices"
        "%0A%0Ahttp%3A%2F%2Flocalhost%2Fblog%2Fworded%2F"
        "%3Futm_source%3Demail%26utm_medium%3Dambassador%26utm_campaign%3Dspring"
    )
    assert ShareClick.objects.get().network == "email"


def test_an_x_text_that_a_longer_hashtag_pushes_past_280_is_shortened_to_fit(
    client, worded, ambassador, sharing
):
    worded.share_text_x = "word " * 47 + "end"  # 238 characters: fits with #N..Voices
    worded.save_revision().publish()
    sharing.hashtag = "#NorthwindVoicesOfTheNorthernCoast"
    sharing.save()
    client.force_login(ambassador)
    location = client.post(f"/social/share/{worded.pk}/x/")["Location"]
    text = parse_qs(urlsplit(location).query)["text"][0]
    assert text.endswith("word… #NorthwindVoicesOfTheNorthernCoast")
    assert x_length(text) + 1 + 23 <= 280
    assert x_length(text) + 1 + 23 > 280 - len("word ")
    html = client.get(worded.url).content.decode()
    assert _textarea(html, "x")[1] == text


def test_fitting_an_x_text_keeps_one_that_fits_as_it_is():
    assert fit_x_text("Hello", "#Voices") == "Hello #Voices"
    assert fit_x_text("Hello #voices", "#Voices") == "Hello #voices"
    assert fit_x_text("", "#Voices") == "#Voices"
    assert fit_x_text("a" * 300, "#Voices") == "#Voices"
