from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import BigIntegerField

from begeleid.core.compiled import PreparedQuery


def _person(pk):
    return get_user_model()._default_manager.filter(pk=pk)


# The logged-in person, read on every request: compiled once per process (core.compiled).
_PERSON = PreparedQuery(_person, pk=BigIntegerField())


class EmailBackend(ModelBackend):
    """Authenticates by e-mail and password; grants no permissions itself.

    Every permission lives in the ``rules.py`` predicates (django-rules). Django's model
    permissions and groups are not used, so asking for them would only cost two queries
    on every page where a rule says no.
    """

    def get_user(self, user_id):
        # As ModelBackend.get_user, with the read prepared.
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        rows = _PERSON(pk=pk)
        user = rows[0] if rows else None
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
