"""Each person's language: chosen on the profile, else the browser's; the header's
switcher; e-mails in the recipient's language; anything unknown falls back."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from intranet import languages
from intranet.people.models import Profile
from intranet.social import notifications
from intranet.social.models import Kind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def finnish(text: str) -> str:
    """``text`` as the Finnish catalogue says it; never the English itself."""
    with translation.override("fi"):
        said = translation.gettext(text)
    assert said != text, f"{text!r} has no Finnish translation"
    return said


def login_page(client, **headers):
    return client.get(reverse("intranet:login"), headers=headers)


# Choosing the language ---------------------------------------------------------------


def test_the_browser_language_is_spoken_to_a_visitor(client, tree):
    response = login_page(client, accept_language="fi-FI,fi;q=0.9,en;q=0.5")
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    assert '<html lang="fi">' in response.text
    assert finnish("Sign in") in response.text
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "header",
    ["xx", "xx-YY,zz;q=0.8", "", "*", "fi;q=abc", "de-DE", "ääkköset", "fi" * 60],
)
def test_a_language_the_site_does_not_offer_falls_back_without_an_error(
    client, tree, header
):
    response = login_page(client, accept_language=header)
    assert response.status_code == 200
    assert response["Content-Language"] in {"en", "fi"}
    if not header.startswith("fi"):
        assert response["Content-Language"] == "en"


def test_the_profile_choice_beats_the_browser(staff_client, staff):
    Profile.objects.filter(user=staff).update(language="fi")
    response = staff_client.get(reverse("intranet:people:profile-edit"))
    assert response["Content-Language"] == "fi"
    Profile.objects.filter(user=staff).update(language="")
    response = staff_client.get(
        reverse("intranet:people:profile-edit"), headers={"accept-language": "fi"}
    )
    assert response["Content-Language"] == "fi"
    response = staff_client.get(reverse("intranet:people:profile-edit"))
    assert response["Content-Language"] == "en"


def test_a_profile_language_no_longer_offered_falls_back(staff_client, staff):
    Profile.objects.filter(user=staff).update(language="sv")
    response = staff_client.get(
        reverse("intranet:people:profile-edit"), headers={"accept-language": "fi"}
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    form = response.context["form"]
    assert form["language"].value() == ""


@pytest.mark.parametrize("code,spoken", [("fi", "fi"), ("en", "en"), ("xx", "en")])
def test_lang_in_the_address_speaks_that_language_for_one_page(
    staff_client, code, spoken
):
    response = staff_client.get(reverse("intranet:people:profile-edit"), {"lang": code})
    assert response.status_code == 200
    assert response["Content-Language"] == spoken
    assert (
        staff_client.get(reverse("intranet:people:profile-edit"))["Content-Language"]
        == "en"
    )


def test_a_visitor_without_a_session_costs_no_query_to_choose(
    client, tree, django_assert_num_queries
):
    from django.test import RequestFactory

    from intranet.middleware import language_middleware

    request = RequestFactory().get("/", headers={"accept-language": "fi"})
    with django_assert_num_queries(0):
        response = language_middleware(lambda request: _ok())(request)
    assert response["Content-Language"] == "fi"


def _ok():
    from django.http import HttpResponse

    return HttpResponse("ok")


# The switcher -------------------------------------------------------------------------


def test_the_switcher_is_in_the_header_with_each_language_in_its_own_name(
    staff_client,
):
    response = staff_client.get(reverse("intranet:people:profile-edit"))
    assert 'data-testid="language-switcher"' in response.text
    assert 'lang="fi"' in response.text and ">Suomi<" in response.text
    finnish_page = staff_client.get(
        reverse("intranet:people:profile-edit"), {"lang": "fi"}
    )
    assert ">English<" in finnish_page.text


def test_switching_remembers_the_language_on_the_profile_and_goes_back(
    staff_client, staff
):
    next_url = reverse("intranet:people:profile-edit")
    response = staff_client.post(
        reverse("intranet:language"), {"language": "fi", "next": next_url}
    )
    assert response.status_code == 302 and response["Location"] == next_url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fi"
    assert Profile.objects.get(user=staff).language == "fi"
    assert staff_client.get(next_url)["Content-Language"] == "fi"
    assert languages.language_of(Profile.objects.get(user=staff).user) == "fi"


def test_a_visitor_switches_on_the_sign_in_page(client, tree):
    response = client.post(
        reverse("intranet:language"),
        {"language": "fi", "next": reverse("intranet:login")},
    )
    assert response.status_code == 302
    assert login_page(client)["Content-Language"] == "fi"


@pytest.mark.parametrize(
    "data",
    [
        {"language": "xx"},
        {"language": "fi\x00"},
        {"language": ["fi", "en"], "next": "https://evil.example/"},
        {"next": "//evil.example/"},
        {},
    ],
)
def test_a_bad_switch_falls_back_and_never_leaves_the_site(staff_client, staff, data):
    response = staff_client.post(reverse("intranet:language"), data)
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value in {"en", "fi"}


def test_the_switcher_refuses_a_get(client, tree):
    assert (
        client.get(reverse("intranet:language"), {"language": "fi"}).status_code == 405
    )


# The profile form ----------------------------------------------------------------------


def test_a_person_chooses_finnish_on_their_profile(staff_client, staff):
    url = reverse("intranet:people:profile-edit")
    form = staff_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(language="fi", photo="")
    response = staff_client.post(url, data, follow=True)
    assert Profile.objects.get(user=staff).language == "fi"
    assert response["Content-Language"] == "fi"
    assert finnish("Your profile has been saved.") in response.text


def test_an_unknown_language_on_the_profile_form_is_refused_and_keeps_the_rest(
    staff_client, staff
):
    url = reverse("intranet:people:profile-edit")
    response = staff_client.post(
        url, {"display_name": "", "job_title": "Chief listener", "language": "xx"}
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert "Chief listener" in response.text
    assert Profile.objects.get(user=staff).language == ""


# E-mails ------------------------------------------------------------------------------------


def test_a_notification_email_speaks_the_recipients_language(
    post, django_capture_on_commit_callbacks
):
    reader = UserFactory(username="aino", language="fi")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notification = notifications.notify(reader, Kind.MENTION, post)
    notifications.send_notification_emails.call([notification.pk])
    [message] = mail.outbox
    assert message.to == [reader.email]
    assert finnish("Open it here:") in message.body
    assert "Open it here:" not in message.body


def test_a_digest_speaks_the_recipients_language_whoever_else_reads_english(post):
    from django.core.management import call_command

    reader = UserFactory(username="aino", language="fi")
    english = UserFactory(username="ann", language="en")
    for person in (reader, english):
        notifications.notify(person, Kind.COMMENT, post, actor=post.owner)
    with translation.override("en"):
        call_command("intranet_send_digests", "--period", "daily", stdout=_Null())
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient[reader.email].subject.startswith(finnish("Your daily digest"))
    assert by_recipient[english.email].subject.startswith("Your daily digest")


def test_a_password_reset_speaks_the_accounts_language_not_the_askers(client, tree):
    reader = UserFactory(username="aino", language="fi")
    client.post(
        reverse("intranet:password_reset"),
        {"email": reader.email},
        headers={"accept-language": "en"},
    )
    [message] = mail.outbox
    assert message.subject.startswith(
        finnish("Choose a new password for %(site_name)s")[:10]
    )
    assert not message.subject.startswith("Choose a new password")


class _Null:
    def write(self, text):
        pass


def test_a_site_listing_every_language_offers_those_the_intranet_speaks(
    settings, client, tree
):
    from django.conf import global_settings

    settings.LANGUAGES = global_settings.LANGUAGES
    settings.LANGUAGE_CODE = "en-us"
    assert set(languages.offered()) == {"en", "fi"}
    response = login_page(client, accept_language="de-DE,de;q=0.9,fi;q=0.8")
    assert response["Content-Language"] == "fi"
    assert login_page(client, accept_language="de")["Content-Language"] == "en"


def test_an_editor_who_reads_finnish_gets_the_wagtail_admin_in_finnish(client, tree):
    from intranet import setup

    editor = UserFactory(groups=[setup.EDITORS], language="fi")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert '<html lang="fi"' in response.text
    english = UserFactory(groups=[setup.EDITORS])
    client.force_login(english)
    assert '<html lang="en"' in client.get(reverse("wagtailadmin_home")).text
