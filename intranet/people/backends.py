"""Django's model backend, loading each request's user with their profile.

Every intranet page shows who is signed in, so the user and their profile come in
one query. A site adds it to ``AUTHENTICATION_BACKENDS`` in place of
``django.contrib.auth.backends.ModelBackend``; without it the profile is one more
query per request, nothing else changes.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("intranet_profile")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
