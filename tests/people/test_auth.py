import re
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_anonymous_visitor_of_home_is_sent_to_login(client, tree):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/"


def test_login_page_is_served_to_anonymous_visitors(client, tree):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_staff_sign_in_lands_on_home(client, tree, staff):
    response = client.post(
        LOGIN, {"username": "staff", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == staff


def test_wrong_password_says_so_and_keeps_the_user_name(client, tree, staff):
    response = client.post(LOGIN, {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert b'value="staff"' in response.content


@pytest.mark.parametrize(
    "target",
    [
        "https://elsewhere.example/",
        "//elsewhere.example/",
        "/\\elsewhere.example/",
        "https:elsewhere.example",
        "\t//elsewhere.example",
    ],
)
def test_next_never_leaves_the_site(client, tree, staff, target):
    response = client.post(
        LOGIN, {"username": "staff", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_next_to_a_path_on_this_site_is_honoured(client, tree, staff):
    response = client.post(
        LOGIN, {"username": "staff", "password": PASSWORD, "next": "/blog/"}
    )
    assert response["Location"] == "/blog/"


def test_sixth_failure_in_a_minute_is_refused_with_the_wait_time(
    client, tree, staff, throttles_on
):
    for _ in range(5):
        response = client.post(LOGIN, {"username": "staff", "password": "wrong"})
        assert b"Please enter a correct username" in response.content
    # Even the right password is refused now, and the form says when to come back.
    response = client.post(LOGIN, {"username": "staff", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Too many failed sign-in attempts" in text
    assert re.search(r"try again in \d+ (seconds?|minutes?)", text)
    assert 'value="staff"' in text


def test_names_made_up_from_one_address_do_not_lock_out_a_colleague_there(
    client, tree, throttles_on
):
    """Behind the office's proxy everyone shares an address: someone guessing at
    names from it must not keep the rest of the office out."""
    UserFactory(username="victim")
    for n in range(12):
        client.post(LOGIN, {"username": f"guess{n}", "password": "wrong"})
    response = client.post(LOGIN, {"username": "victim", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_one_address_is_refused_past_its_own_far_higher_ceiling(
    client, tree, settings, throttles_on
):
    settings.INTRANET = {**settings.INTRANET, "LOGIN_ATTEMPTS_PER_ADDRESS": 8}
    UserFactory(username="victim")
    for n in range(8):
        client.post(LOGIN, {"username": f"guess{n}", "password": "wrong"})
    response = client.post(LOGIN, {"username": "victim", "password": PASSWORD})
    assert b"Too many failed sign-in attempts" in response.content


def test_failures_for_an_account_from_one_address_leave_other_addresses_free(
    client, tree, staff, throttles_on
):
    for _ in range(5):
        client.post(LOGIN, {"username": "staff", "password": "wrong"})
    response = client.post(LOGIN, {"username": "staff", "password": PASSWORD})
    assert b"Too many failed sign-in attempts" in response.content
    response = client.post(
        LOGIN, {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302


def test_successful_sign_ins_are_not_counted_as_failures(
    client, tree, staff, throttles_on
):
    for _ in range(8):
        response = client.post(LOGIN, {"username": "staff", "password": PASSWORD})
        assert response.status_code == 302
        client.logout()
    for _ in range(4):
        client.post(LOGIN, {"username": "staff", "password": "wrong"})
    response = client.post(LOGIN, {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302


def test_a_forwarded_for_header_is_ignored_unless_a_proxy_is_trusted(
    client, tree, staff, throttles_on
):
    """Otherwise a guesser would name a new address in every request."""
    for n in range(5):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        LOGIN,
        {"username": "staff", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert b"Too many failed sign-in attempts" in response.content


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_visitors(
    client, tree, staff, settings, throttles_on
):
    settings.INTRANET = {**settings.INTRANET, "TRUSTED_PROXIES": 1}
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.7",
        )
    # The proxy appended 192.0.2.7; what the client wrote before it is not believed.
    refused = client.post(
        LOGIN,
        {"username": "staff", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.6, 192.0.2.7",
    )
    assert b"Too many failed sign-in attempts" in refused.content
    colleague = client.post(
        LOGIN,
        {"username": "staff", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.8",
    )
    assert colleague.status_code == 302


def test_failures_are_counted_per_account_across_addresses(
    client, tree, staff, throttles_on
):
    for n in range(10):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR=f"10.0.0.{n + 1}",
        )
    response = client.post(
        LOGIN, {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="10.0.0.99"
    )
    assert b"Too many failed sign-in attempts" in response.content


def test_logout_signs_out(staff_client, tree):
    response = staff_client.post(reverse("intranet:logout"))
    assert response.status_code == 302
    assert staff_client.get("/").status_code == 302


def page_without_tokens(response) -> bytes:
    content = response.content.replace(b"\n", b"")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, tree, staff
):
    known = client.post(
        reverse("intranet:password_reset"), {"email": staff.email}, follow=True
    )
    unknown = client.post(
        reverse("intranet:password_reset"), {"email": "nobody@example.com"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    # The header's language switcher carries a CSRF token, masked anew each time.
    assert page_without_tokens(known) == page_without_tokens(unknown)
    assert len(mail.outbox) == 1
    assert "http://testserver/accounts/password/reset/" in mail.outbox[0].body


def test_password_reset_link_uses_the_canonical_address_not_the_host_header(
    client, tree, staff, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    client.post(
        reverse("intranet:password_reset"),
        {"email": staff.email},
        HTTP_HOST="evil.example",
    )
    assert "evil.example" not in mail.outbox[0].body


def test_password_reset_answers_the_same_when_sending_mail_fails(
    client, tree, staff, monkeypatch
):
    def broken_send(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("relay is down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken_send)
    response = client.post(
        reverse("intranet:password_reset"), {"email": staff.email}, follow=True
    )
    assert response.status_code == 200
    assert b"If an account uses that address" in response.content


def test_password_change_requires_login(client, tree):
    response = client.get(reverse("intranet:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_deactivated_member_loses_access_on_the_next_request(staff_client, tree, staff):
    assert staff_client.get("/").status_code == 200
    staff.is_active = False
    staff.save()
    assert staff_client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("name", "signed_in", "title"),
    [
        ("password_reset", False, "Password reset"),
        ("password_reset_done", False, "Password reset sent"),
        ("password_reset_complete", False, "Password reset complete"),
        ("password_change", True, "Password change"),
        ("password_change_done", True, "Password change successful"),
    ],
)
def test_password_pages_have_a_title_of_their_own(
    client, tree, staff, name, signed_in, title
):
    if signed_in:
        client.force_login(staff)
    response = client.get(reverse(f"intranet:{name}"))
    assert response.status_code == 200
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert found.group(1).split(" · ")[0].strip() == title


def test_a_password_reset_link_names_its_page_whether_it_works_or_not(
    client, tree, staff
):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(staff.pk))
    token = default_token_generator.make_token(staff)
    good = client.get(
        reverse("intranet:password_reset_confirm", args=[uid, token]), follow=True
    ).content.decode()
    bad = client.get(
        reverse("intranet:password_reset_confirm", args=[uid, "spent-token"])
    ).content.decode()
    assert "<title>Enter new password ·" in good
    assert "<title>Password reset unsuccessful ·" in bad
