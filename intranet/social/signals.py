"""Keeping one conversation per page when its versions come and go."""

from .pages import CommentablePageMixin
from .services import gather_conversation


def _commentable(page_class) -> bool:
    return page_class is not None and issubclass(page_class, CommentablePageMixin)


def gather_on_publication(sender, instance, **kwargs):
    """Publishing or unpublishing a version can make another the original."""
    if _commentable(sender):
        gather_conversation(instance)


def gather_before_deletion(sender, instance, **kwargs):
    """Deleting the original hands its comments to the version that stays."""
    if _commentable(instance.specific_class):
        gather_conversation(instance, leaving=True)
