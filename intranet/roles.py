"""The intranet's roles, by Wagtail group (see ARCHITECTURE.md)."""

EDITORS = "Editors"


def is_editor(user) -> bool:
    """Editors (and superusers) publish posts and decide who may read them."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_editor"):
        user._is_editor = user.groups.filter(name=EDITORS).exists()
    return user._is_editor
