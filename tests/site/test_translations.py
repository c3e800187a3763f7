"""The reference site translates pages with wagtail-localize: every page type of the
intranet goes through its "Translate" action and is read in Finnish once a
translator publishes it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from intranet.audience import Audience
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnish(db):
    return Locale.objects.get_or_create(language_code="fi")[0]


@pytest.fixture
def admin_client(client, tree, finnish):
    client.force_login(
        factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    )
    return client


def send_for_translation(client, page, locale):
    """What the page's "Translate" action does in the admin."""
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return page.get_translation(locale)


def translate_title(client, page, translated, title):
    """The translator's editor: the title's string, translated."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=translated.locale
    )
    segment = StringSegment.objects.get(
        source=translation.source, context__path="title"
    )
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        f"value={title}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


def publish(client, translated):
    """The translator's Publish button."""
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[translated.pk]), {"action": "publish"}
    )
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "blog",
        "post",
        "discussions",
        "thread",
        "guidelines",
        "guideline",
        "training",
        "people",
        "leader",
        "update",
    ],
)
def test_every_page_type_is_translated_with_wagtail_localize_and_read_in_finnish(
    admin_client,
    client,
    pages,
    finnish,
    name,
    django_capture_on_commit_callbacks,
):
    page = pages[name].specific
    url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        translated = send_for_translation(admin_client, page, finnish)
    translated.refresh_from_db()
    # A draft until the translator publishes it: readers keep the original.
    assert not translated.live
    assert not translated.alias_of_id
    translate_title(admin_client, page, translated, "Suomeksi CANARY-fi")
    with django_capture_on_commit_callbacks(execute=True):
        publish(admin_client, translated)
    translated.refresh_from_db()
    assert translated.live
    assert translated.title == "Suomeksi CANARY-fi"

    reader = factories.UserFactory(username="lukija", language="fi")
    client.force_login(reader)
    response = client.get(url)
    assert response.status_code == 200, name
    assert response.context["page"].pk == translated.pk, name
    assert "Suomeksi CANARY-fi" in response.content.decode()
    english = factories.UserFactory(username="reader")
    client.force_login(english)
    response = client.get(url)
    assert response.context["page"].pk == page.pk
    assert f'href="{url}?lang=fi"' in response.content.decode()


def test_a_translator_cannot_make_a_staff_only_post_public(
    admin_client, pages, finnish, django_capture_on_commit_callbacks
):
    """wagtail-localize lets a translator override a synchronised field; the post's
    audience is not one they may override."""
    from wagtail_localize.fields import get_translatable_fields

    post = pages["post"].specific
    audience = next(
        f for f in get_translatable_fields(type(post)) if f.field_name == "audience"
    )
    assert audience.is_synchronized(post)
    assert not audience.is_overridable(post)
    with django_capture_on_commit_callbacks(execute=True):
        translated = send_for_translation(admin_client, post, finnish)
    translated.specific.audience = Audience.PUBLIC
    with django_capture_on_commit_callbacks(execute=True):
        translated.specific.save_revision().publish()
    assert type(post).objects.get(pk=translated.pk).audience == Audience.STAFF
    assert Page.objects.get(pk=translated.pk).live


def test_blocks_written_without_ids_get_them_when_the_page_is_saved(tree):
    """Content written as JSON in code (the demo's) lacks the ids the page editor
    gives every block; wagtail-localize needs them to translate a nested block, and
    leaves out list items without them."""
    module = factories.TrainingModulePageFactory(parent=tree.guidelines)
    stored = type(module).objects.get(pk=module.pk)

    def blocks(raw):
        for block in raw:
            yield block
            value = block["value"]
            for child in value.values() if isinstance(value, dict) else []:
                if isinstance(child, list):
                    yield from blocks(child)

    raw = list(stored.lessons.raw_data) + list(stored.questions.raw_data)
    found = list(blocks(raw))
    assert found and all(block.get("id") for block in found)
    answers = stored.questions.raw_data[0]["value"]["answers"]
    assert all(answer["type"] == "item" and answer["id"] for answer in answers)
    assert stored.questions[0].value["answers"][0]["text"] == "Right"
