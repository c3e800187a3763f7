import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from intranet.home.models import OrganisationSettings

pytestmark = pytest.mark.django_db


def test_reading_the_organisation_settings_writes_no_row(client, tree):
    site = Site.objects.get()
    settings = OrganisationSettings.for_site(site)
    assert settings.name == "Intranet"
    assert client.get("/accounts/login/").status_code == 200
    assert not OrganisationSettings.objects.exists()


def test_an_editor_saving_the_settings_stores_them_for_everyone(client, tree):
    site = Site.objects.get()
    client.force_login(get_user_model().objects.create_superuser("root", "", "pw"))
    url = reverse(
        "wagtailsettings:edit", args=["intranet_home", "organisationsettings", site.pk]
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Northwind", "tagline": "Hello, crew"})
    assert response.status_code == 302
    assert OrganisationSettings.for_site(site).name == "Northwind"
    client.logout()
    assert "Hello, crew" in client.get("/accounts/login/").content.decode()
