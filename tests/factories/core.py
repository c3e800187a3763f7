"""Factories for users and the page tree every test stands on."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from blog.models import BlogIndexPage
from guidelines.models import GuidelinesHubPage
from home.models import IntranetHomePage as HomePage
from intranet import setup
from intranet.discussions.models import DiscussionIndexPage
from intranet.people.models import PeopleIndexPage, profile_fields

PASSWORD = "changeme"


class UserFactory(factory.django.DjangoModelFactory):
    """A user of the site's own model; profile fields (job_title, photo, …) given
    here land on the intranet profile that every new user gets."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    job_title = "Advisor"
    department = "Customer Service"
    password = factory.django.Password(PASSWORD)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        fields = profile_fields()
        profile = {name: kwargs.pop(name) for name in list(kwargs) if name in fields}
        user = super()._create(model_class, *args, **kwargs)
        if profile:
            for name, value in profile.items():
                setattr(user.intranet_profile, name, value)
            user.intranet_profile.save()
        return user

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        """Groups by name; the intranet's own come with their permissions, as
        ``intranet_setup`` makes them."""
        if create and names:
            self.groups.set(
                setup.group(n)
                if n in setup.SPECS
                else Group.objects.get_or_create(name=n)[0]
                for n in names
            )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Blog"
    slug = "blog"
    show_in_menus = True


class DiscussionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DiscussionIndexPage

    title = "Discussions"
    slug = "discussions"
    show_in_menus = True


class GuidelinesHubPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidelinesHubPage

    title = "Guidelines"
    slug = "guidelines"
    show_in_menus = True


class PeopleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PeopleIndexPage

    title = "People"
    slug = "people"
    show_in_menus = True


class ImageFactory(wagtail_factories.ImageFactory):
    """A picture in the image library; its description is its alt text."""

    title = factory.Sequence(lambda n: f"Picture {n}")
    description = factory.LazyAttribute(lambda o: f"A drawing of {o.title.lower()}")
    file = factory.django.ImageField(width=1600, height=900, color="teal")
