"""Password reset e-mails, sent from the task queue.

Asking for a reset link costs the same whatever address is typed: the request only
checks the limits and queues a task with the address, the intranet's address and the
language. The task finds the accounts that use the address (active, with a password
of their own), makes Django's reset tokens and sends the e-mail. Neither the answer
nor the time it takes tells a visitor whether anyone uses the address.

The limits hold per visitor (their network address) and per address asked for;
past them the visitor sees the same answer, and nothing more is queued.
"""

import logging
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.template import loader
from django.utils import translation
from django_tasks import task

from intranet import languages, mail, throttle

logger = logging.getLogger(__name__)

RESET_PER_TARGET = throttle.Limit("password-reset-target", count=3, seconds=3600)
RESET_PER_ADDRESS = throttle.Limit("password-reset-address", count=20, seconds=3600)

SUBJECT_TEMPLATE = "intranet/registration/password_reset_subject.txt"
EMAIL_TEMPLATE = "intranet/registration/password_reset_email.txt"


def target_key(email: str) -> str:
    """One key for every spelling of an address that reaches the same accounts
    (Django compares addresses case-insensitively, after NFKC normalisation)."""
    return unicodedata.normalize("NFKC", email).casefold()


def request_reset(
    request,
    email: str,
    *,
    subject_template_name: str = SUBJECT_TEMPLATE,
    email_template_name: str = EMAIL_TEMPLATE,
    html_email_template_name: str | None = None,
    from_email: str | None = None,
) -> bool:
    """Queue a reset e-mail for ``email`` unless a limit is reached; True if queued.

    Looks up no account: that is the task's work.
    """
    limits = [
        (RESET_PER_ADDRESS, throttle.client_address(request) if request else ""),
        (RESET_PER_TARGET, target_key(email)),
    ]
    allowed = []
    for limit, key in limits:
        if throttle.hit(limit, key):
            for earlier, earlier_key in allowed:
                throttle.release(earlier, earlier_key)
            logger.info("Password reset not queued: too many asked for lately")
            return False
        allowed.append((limit, key))
    send_reset_email.enqueue(
        email=email,
        base_url=settings.WAGTAILADMIN_BASE_URL,
        language=translation.get_language(),
        subject_template_name=subject_template_name,
        email_template_name=email_template_name,
        html_email_template_name=html_email_template_name,
        from_email=from_email,
    )
    return True


class ResetMail(auth_forms.PasswordResetForm):
    """Django's own reset e-mail (accounts, tokens, context), composed like every
    intranet e-mail; counts what it sent."""

    sent = 0

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # In the account's own language; else the one the reset was asked in.
        with languages.speaking_to(context["user"], translation.get_language()):
            message = mail.compose(
                loader.render_to_string(subject_template_name, context),
                loader.render_to_string(email_template_name, context),
                [to_email],
                from_email=from_email,
                html=loader.render_to_string(html_email_template_name, context)
                if html_email_template_name
                else None,
            )
        try:
            message.send()
        except Exception:  # noqa: BLE001 - the others still get theirs; operators see it
            logger.exception(
                "Sending a password reset e-mail to user %s failed", context["user"].pk
            )
            return
        self.sent += 1


@task()
def send_reset_email(
    *,
    email: str,
    base_url: str,
    language: str | None,
    subject_template_name: str = SUBJECT_TEMPLATE,
    email_template_name: str = EMAIL_TEMPLATE,
    html_email_template_name: str | None = None,
    from_email: str | None = None,
) -> int:
    """E-mail a reset link to every account that may use one with ``email``, with
    links to ``base_url``; returns how many e-mails went out."""
    base = urlsplit(base_url)
    form = ResetMail({"email": email})
    if not form.is_valid():
        return 0
    with translation.override(language):
        form.save(
            domain_override=base.netloc,
            use_https=base.scheme == "https",
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
            extra_email_context={"site_name": settings.WAGTAIL_SITE_NAME},
        )
    return form.sent
