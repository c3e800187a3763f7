"""Django's model backend, loading each request's user with their profile.

Every intranet page shows who is signed in, so the user and their profile come in
one query. A site adds it to ``AUTHENTICATION_BACKENDS`` in place of
``django.contrib.auth.backends.ModelBackend``; without it the profile is one more
query per request, and a person's permissions two instead of one; nothing else
changes.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class ProfileBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("intranet_profile")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """A person's own and their groups' permissions in one query (Django's
        backend asks twice), kept on the user object as Django keeps them."""
        if (
            not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
            or user_obj.is_superuser
            or hasattr(user_obj, "_perm_cache")
        ):
            return super().get_all_permissions(user_obj, obj)
        user_model = get_user_model()
        user_field = user_model._meta.get_field("user_permissions")
        group_field = user_model._meta.get_field("groups")
        own = {f"{user_field.related_query_name()}": user_obj}
        via_group = {
            f"group__{group_field.related_query_name()}": user_obj,
        }
        rows = (
            Permission.objects.filter(Q(**own) | Q(**via_group))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache
