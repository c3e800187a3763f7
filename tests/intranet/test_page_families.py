"""The page types the site owns: declared on the intranet's abstract bases in the
site's own apps, found by their base, and checked."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from blog.models import BlogIndexPage, BlogPostPage
from guidelines.models import GuidelinePage, GuidelinesHubPage, TrainingModulePage
from home.models import IntranetHomePage
from intranet import checks, pages
from intranet.discussions.models import DiscussionIndexPage


def test_the_intranet_finds_the_sites_page_models_by_their_base():
    assert pages.home_page_model() is IntranetHomePage
    assert pages.blog_index_model() is BlogIndexPage
    assert pages.blog_post_model() is BlogPostPage
    assert pages.guidelines_hub_model() is GuidelinesHubPage
    assert pages.guideline_model() is GuidelinePage
    assert pages.training_module_model() is TrainingModulePage
    for model in (IntranetHomePage, BlogPostPage, GuidelinePage):
        assert model._meta.app_label in {"home", "blog", "guidelines"}


def test_the_sites_page_models_render_with_the_intranets_templates():
    assert BlogPostPage.template == "intranet/blog/blog_post_page.html"
    assert IntranetHomePage.template == "intranet/home/home_page.html"
    assert GuidelinePage.template == "intranet/guidelines/guideline_page.html"


def test_families_in_page_types_become_the_sites_models():
    assert BlogIndexPage.allowed_subpage_models() == [BlogPostPage]
    assert BlogPostPage.allowed_parent_page_models() == [BlogIndexPage]
    assert set(IntranetHomePage.allowed_subpage_models()) == {
        BlogIndexPage,
        DiscussionIndexPage,
        GuidelinesHubPage,
        pages.resolve_page_types(["intranet_people.PeopleIndexPage"], "")[0],
    }
    assert set(GuidelinesHubPage.allowed_subpage_models()) == {
        GuidelinePage,
        TrainingModulePage,
    }


def test_the_reference_site_passes_the_family_check():
    assert checks.check_page_families() == []


def test_a_site_without_a_post_model_is_told_what_to_declare(monkeypatch):
    real = pages.concrete_models
    monkeypatch.setattr(
        pages,
        "concrete_models",
        lambda family: [] if family == "blog_post" else real(family),
    )
    [error] = checks.check_page_families()
    assert error.id == "intranet.E010"
    assert "AbstractBlogPostPage" in error.msg
    assert "class BlogPostPage(AbstractBlogPostPage)" in error.hint
    with pytest.raises(ImproperlyConfigured, match="AbstractBlogPostPage"):
        pages.blog_post_model()


def test_a_site_with_two_guideline_models_is_told_to_keep_one(monkeypatch):
    real = pages.concrete_models
    monkeypatch.setattr(
        pages,
        "concrete_models",
        lambda family: (
            [GuidelinePage, TrainingModulePage]
            if family == "guideline"
            else real(family)
        ),
    )
    [error] = checks.check_page_families()
    assert error.id == "intranet.E011"
    assert "guidelines.GuidelinePage" in error.msg
    assert "guidelines.TrainingModulePage" in error.msg


def test_a_post_model_without_tags_or_authors_is_told_what_to_declare(monkeypatch):
    real = pages.concrete_models
    monkeypatch.setattr(
        pages,
        "concrete_models",
        lambda family: [IntranetHomePage] if family == "blog_post" else real(family),
    )
    errors = checks.check_post_relations()
    assert [error.id for error in errors] == ["intranet.E012", "intranet.E012"]
    assert "home.IntranetHomePage has no tags." in errors[0].msg
    assert "ClusterTaggableManager" in errors[0].hint
    assert "has no authors" in errors[1].msg


def test_the_reference_sites_post_declares_its_tags_and_authors():
    assert checks.check_post_relations() == []
